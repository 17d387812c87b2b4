"""Scoring the pipeline against gold annotations (the quality gate)."""
