"""Invisible and direction-changing characters, shown for what they are in HTML.

A U+202E RIGHT-TO-LEFT OVERRIDE in a policy makes a browser draw the words after
it backwards, so the text a governor reads differs from the text stored (and
diffed); zero-width characters hide differences altogether. Every HTML renderer
passes document text through ``visible_controls`` (Jinja's ``finalize`` hook,
or after escaping), which replaces each such character by a visible marker
naming it, e.g. ``[U+202E]``, in a ``<span class="ctl">`` that carries the
Unicode name as its title. The character itself never reaches the page, so it
can no longer reorder what follows.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

# Bidi embeddings, overrides, isolates and marks; C0/C1 controls other than tab and
# newlines; zero-width and invisible operators that hide text. ZWJ and ZWNJ (U+200C/D)
# are left alone: scripts and emoji need them.
_CONTROLS = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def _marker(match: re.Match[str]) -> str:
    char = match.group(0)
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "control character")
    return f'<span class="ctl" title="{name.title()}">[{code}]</span>'


def visible_controls(value: object) -> object:
    """HTML-safe ``value`` with every hidden control character shown as a marker.

    Usable as Jinja's ``finalize``: a Markup (already safe) value is returned as Markup;
    anything else is escaped first. Non-strings pass through for Jinja to handle."""
    if isinstance(value, Markup):
        return Markup(_CONTROLS.sub(_marker, str(value))) if _CONTROLS.search(value) else value
    if isinstance(value, str):
        return Markup(_CONTROLS.sub(_marker, str(escape(value)))) if _CONTROLS.search(value) else value
    return value


def has_controls(text: str) -> bool:
    return bool(_CONTROLS.search(text))
