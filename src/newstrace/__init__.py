"""newstrace: multilingual war reporting into clean, dated, traceable documents, stories and claims."""

__version__ = "0.1.0"
