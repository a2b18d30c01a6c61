"""Helpers shared by mmgl's tools (optional-dependency checks, progress display)."""
