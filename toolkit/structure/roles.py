"""What each node of the clause tree under construction is, and named groups of roles.

A role is finer than the model's ``ClauseKind``: a numbered section, a lettered
appendix and an unnumbered heading are all SECTIONs, but they open and close the
tree differently (an appendix restarts the numbering; a heading never holds a
decimal clause's number). The groups below name the sets the rules test against,
so "what does a new paragraph close?" is answered in one place.
"""

from __future__ import annotations

import enum


class Role(str, enum.Enum):
    ROOT = "root"
    DECIMAL = "decimal"  # a numbered section or clause: "6", "6.1.2", "I"
    APPENDIX = "appendix"  # "Appendix A", "Annex 2", "Schedule 1": numbering restarts below it
    PART = "part"  # one policy among several in a handbook: numbering restarts below it
    HEADING = "heading"  # an unnumbered heading
    PARA = "para"
    LIST = "list"  # a list item, numbered, lettered, bulleted or plain
    TABLE = "table"
    DECL = "decl"  # a signature block: "Signed: ____ Date: ____"
    NOTE = "note"  # a drafting note: "[include this section only if ...]"


# Running content: what a new heading, paragraph or sibling section closes.
CONTENT = frozenset({Role.LIST, Role.PARA, Role.TABLE, Role.DECL, Role.NOTE})
# Running content other than list items: a list item may nest under one only as its lead-in.
PROSE = CONTENT - {Role.LIST}
# Nodes below which the decimal numbering starts again at 1.
NUMBERING_RESTARTS = frozenset({Role.APPENDIX, Role.PART})
# Headings that may carry a level from the format (a Word heading style, a '#').
LEVELLED_SECTIONS = frozenset({Role.HEADING, Role.DECIMAL})

# Unnumbered clauses are numbered by kind within their parent: "6.4.1/i3" is the
# third list item of clause 6.4.1.
ID_PREFIX = {Role.PARA: "p", Role.LIST: "i", Role.HEADING: "h", Role.TABLE: "t", Role.DECL: "d", Role.NOTE: "n"}

__all__ = ["CONTENT", "ID_PREFIX", "LEVELLED_SECTIONS", "NUMBERING_RESTARTS", "PROSE", "Role"]
