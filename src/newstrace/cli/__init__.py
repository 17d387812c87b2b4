"""Command-line interface (Typer + Rich); calls services only."""
