"""Per-document stages: pure functions Document -> Document, listed in newstrace.registry."""
