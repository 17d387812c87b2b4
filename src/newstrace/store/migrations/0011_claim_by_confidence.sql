-- Version 11: who a claim says did it (the perpetrator, never the victims) and how surely it was read.

ALTER TABLE claims ADD COLUMN by_whom TEXT;
ALTER TABLE claims ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
