"""Composes stages and runs them; knows nothing of storage."""
