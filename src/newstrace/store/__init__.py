"""The embedded SQLite store: the only package that speaks SQL."""
