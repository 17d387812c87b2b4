"""Corpus stages: they see many documents (duplicates now; stories, entity merging, claims later)."""
