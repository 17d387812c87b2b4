"""Builders for test inputs (WARC files and the like) written by the tests themselves."""
