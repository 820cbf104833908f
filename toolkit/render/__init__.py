"""Renderers: turn models (documents, reports, diffs) into files people read."""
