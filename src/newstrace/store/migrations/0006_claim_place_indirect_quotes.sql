-- Version 6: the place named with a claim, and indirect (reported) quotations.

ALTER TABLE claims ADD COLUMN place TEXT;
ALTER TABLE quotes ADD COLUMN direct INTEGER NOT NULL DEFAULT 1;
