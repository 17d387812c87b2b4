"""Text helpers shared by stages: patterns, language identification, dates."""
