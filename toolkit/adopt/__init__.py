"""Adopting a trust's (or the local authority's) model policy for one school.

``adopt_model`` fills the model's places from the school profile in the model's
own file (Word or Markdown), drops or keeps its optional sections, removes or keeps
its drafting notes, names every place left unfilled, and writes the governors' diff
of the adopted policy against the model. The OOXML work is in ``toolkit.ooxml.fill``.
"""

from .api import AdoptResult, Unfilled, adopt_model, scan_model, suggested_mapping
from .mapping import AdoptMapping, load_mapping, normalise, suggest_field

__all__ = ["AdoptMapping", "AdoptResult", "Unfilled", "adopt_model", "load_mapping", "normalise", "scan_model",
           "suggest_field", "suggested_mapping"]
