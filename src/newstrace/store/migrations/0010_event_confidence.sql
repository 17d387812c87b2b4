-- Version 10: each event report's confidence (how its type was read: a named trigger, a weapon, or
-- only an armed agent; lowered where it names no actor or place). NULL for events stored before.

ALTER TABLE events ADD COLUMN confidence REAL;
