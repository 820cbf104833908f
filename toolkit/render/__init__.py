"""Renderers: they read a finished data object (a Document, a diff, a report)
and write one format. Registries are keyed by format name."""
