-- Version 9: the figures each document states (a JSON list of numbers), which story assignment
-- compares without reading texts. NULL for documents stored before: their claims' values stand in.

ALTER TABLE documents ADD COLUMN figures TEXT;
