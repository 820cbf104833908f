"""One self-contained HTML report: summary of changes, inline redline, side-by-side view.

Works offline (inline CSS and a few lines of JS, no external URL of any kind);
every piece of document text goes through jinja2's autoescape. Legal colour
conventions: deletions red struck through, insertions blue underlined, moves
green double-underlined (and struck through where the clause used to be).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from ..diff.changes import DELETE, INSERT, ClauseChange, DocumentDiff, MatchedBy, Placement, Status, WordOp
from ..model import Clause
from ._diff_common import (
    STATUS_LABELS,
    clause_label,
    describe,
    excerpt,
    governor_entries,
    number_of,
    option_notes,
    shown_clause,
    summary_sentence,
    title_of,
)
from .controls import visible_controls

_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policykit">
<title>Changes to {{ title }}</title>
<style>
:root { --del: #b00020; --ins: #0b3fb3; --move: #137333; --muted: #5f6368; --rule: #dadce0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #202124; margin: 0; }
header, main, nav.summary { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 1.25rem 0 .25rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.counts td.zero { color: var(--muted); }
ol.changes { padding-left: 1.25rem; columns: 2; column-gap: 2rem; }
ol.changes li { break-inside: avoid; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: .6rem; border: 1px solid currentColor; }
.st-renumbered { color: #00796b; } .st-modified { color: #a15c00; } .st-added { color: var(--ins); }
.st-removed { color: var(--del); } .st-moved { color: var(--move); } .st-unchanged { color: var(--muted); }
.controls { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--rule); padding: .5rem 0; z-index: 1; }
.controls button { font: inherit; padding: .2rem .7rem; border: 1px solid var(--rule); background: #f8f9fa; border-radius: .3rem; cursor: pointer; }
.controls button[aria-pressed="true"] { background: #202124; color: #fff; }
.row { padding: .35rem 0 .35rem .5rem; border-left: 3px solid transparent; scroll-margin-top: 3.5rem; }
.row:target { background: #fff8c5; }
.row.st-modified, .row.st-added, .row.st-removed, .row.st-moved { border-left-color: currentColor; }
.row .body { color: #202124; overflow-wrap: anywhere; }
.num { font-weight: 600; margin-right: .4rem; }
.kind-table .body { white-space: pre-wrap; font-variant-numeric: tabular-nums; }
.section .body { font-weight: 700; font-size: 1.1rem; }
.note { font-size: .8rem; color: var(--muted); margin-left: .5rem; }
.note a { color: var(--move); }
.headline { font-size: 1.05rem; }
.excerpt { color: var(--muted); font-size: .85rem; }
details.run summary { cursor: pointer; }
details.run ul { margin: .25rem 0 .25rem 1rem; padding: 0; list-style: none; }
.words { font-size: .85rem; margin: .1rem 0 .3rem; }
del, .del { color: var(--del); text-decoration: line-through; }
ins, .ins { color: var(--ins); text-decoration: underline; }
.move-to, .move-to ins { color: var(--move); text-decoration: underline double; }
.move-to del { color: var(--del); }
.move-from, .move-from .body { color: var(--move); text-decoration: line-through double; }
.move-from .note { display: inline-block; }  /* keeps the link out of the strike-through */
del + ins { margin-left: .15em; }
.side { display: none; }
body.sbs .inline { display: none; }
body.sbs .side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
body.sbs .side > div { min-width: 0; }
.side-head { display: none; }
body.sbs .side-head { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; font-weight: 700; }
body.only-changes .row.st-unchanged:not(.section) { display: none; }
footer { max-width: 72rem; margin: 2rem auto; padding: 0 1.25rem; color: var(--muted); font-size: .85rem; }
@media print {
  .controls, .note a { display: none; }
  body { font-size: 10.5pt; }
  .row { break-inside: avoid; border-left-width: 2px; }
  ol.changes { columns: 1; }
  a { color: inherit; text-decoration: none; }
  del, ins, .move-to, .move-from { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>Changes to {{ title }}</h1>
<p class="meta">Old: {{ old.source }}{% if old.title %} ({{ old.title }}){% endif %}<br>
New: {{ new.source }}{% if new.title %} ({{ new.title }}){% endif %}{% if notes %}<br>Compared {{ notes|join(", ") }}{% endif %}</p>
</header>
<nav class="summary" aria-label="Summary of changes">
{% if metadata_changes %}
<h2>Cover details</h2>
<table><tr><th>Field</th><th>Old</th><th>New</th></tr>
{% for m in metadata_changes %}<tr><td>{{ m.field.replace("_", " ") }}</td><td><del>{{ m.old or "—" }}</del></td><td><ins>{{ m.new or "—" }}</ins></td></tr>
{% endfor %}</table>
{% endif %}
<h2>Summary of changes</h2>
<p class="headline"><strong>{{ headline }}</strong></p>
<table class="counts">
<tr>{% for s in statuses %}<th class="st-{{ s.value }}">{{ labels[s] }}</th>{% endfor %}</tr>
<tr>{% for s in statuses %}<td class="n{% if not summary[s] %} zero{% endif %}">{{ summary[s] }}</td>{% endfor %}</tr>
</table>
{% if summary.sections %}
<details><summary>By section</summary>
<table>
<tr><th>Section</th>{% for s in statuses %}<th class="st-{{ s.value }}">{{ labels[s] }}</th>{% endfor %}</tr>
{% for label, counts in summary.sections %}<tr><td>{{ label }}</td>{% for s in statuses %}<td class="n{% if not counts[s] %} zero{% endif %}">{{ counts[s] }}</td>{% endfor %}</tr>
{% endfor %}</table>
</details>
{% endif %}
{% if listed %}
<h3>Changed clauses</h3>
<ol class="changes">
{% for item in listed %}<li>{% if item.run %}<details class="run"><summary><a href="#{{ item.anchor }}">{{ item.label }}</a> <span class="badge st-{{ item.status }}">{{ item.status_label }}</span> <span class="note">{{ item.description }}</span></summary>
<ul>{% for sub in item.run %}<li><a href="#{{ sub.anchor }}">{{ sub.label }}</a> <span class="excerpt">{{ sub.excerpt }}</span></li>{% endfor %}</ul></details>
{%- else %}<a href="#{{ item.anchor }}">{{ item.label }}</a> <span class="badge st-{{ item.status }}">{{ item.status_label }}</span> <span class="note">{{ item.description }}</span>{% if item.excerpt %} <span class="excerpt">{{ item.excerpt }}</span>{% endif %}
{%- for extra in item.extra_anchors %} <a class="note" href="#{{ extra }}">part {{ loop.index + 1 }}</a>{% endfor %}
{%- if item.words %}<div class="words">{{ item.words }}</div>{% endif %}{% endif %}</li>
{% endfor %}</ol>
{% endif %}
</nav>
<main>
<div class="controls" role="toolbar" aria-label="View">
<button type="button" id="view-inline" aria-pressed="true">Inline redline</button>
<button type="button" id="view-side" aria-pressed="false">Side by side</button>
<label><input type="checkbox" id="only-changes"> Only changed clauses</label>
<span class="note">Key: <del>deleted</del> <ins>inserted</ins> <span class="move-to">moved</span></span>
</div>
<div class="side-head"><div>Old: {{ old.source }}</div><div>New: {{ new.source }}</div></div>
{% for row in rows %}
<div class="row st-{{ row.status }} kind-{{ row.kind }}{% if row.section %} section{% endif %}{% if row.moved_from %} moved-from-row move-from{% endif %}" id="{{ row.id }}" style="margin-left: {{ row.indent }}rem">
<div class="inline{% if row.moved_to %} move-to{% endif %}">
{%- if row.number_html %}<span class="num">{{ row.number_html }}</span>{% endif -%}
<span class="body">{{ row.inline }}</span>
{%- if row.link %}<span class="note"><a href="#{{ row.link }}">{{ row.link_text }}</a></span>{% endif -%}
{%- if row.description %}<span class="note">{{ row.description }}</span>{% endif -%}
</div>
<div class="side">
<div>{% if row.old_number %}<span class="num">{{ row.old_number }}</span>{% endif %}<span class="body">{{ row.old_side }}</span></div>
<div{% if row.moved_to %} class="move-to"{% endif %}>{% if row.new_number %}<span class="num">{{ row.new_number }}</span>{% endif %}<span class="body">{{ row.new_side }}</span>
{%- if row.link %}<span class="note"><a href="#{{ row.link }}">{{ row.link_text }}</a></span>{% endif -%}</div>
</div>
</div>
{% endfor %}
</main>
<footer>Made by policykit. Deletions are red and struck through, insertions blue and underlined, moved clauses green and double-underlined where they now stand.</footer>
<script>
(function () {
  var body = document.body, inline = document.getElementById("view-inline"), side = document.getElementById("view-side");
  function show(sbs) {
    body.classList.toggle("sbs", sbs);
    inline.setAttribute("aria-pressed", String(!sbs));
    side.setAttribute("aria-pressed", String(sbs));
  }
  inline.addEventListener("click", function () { show(false); });
  side.addEventListener("click", function () { show(true); });
  document.getElementById("only-changes").addEventListener("change", function (e) {
    body.classList.toggle("only-changes", e.target.checked);
  });
})();
</script>
</body>
</html>
"""

_ENV = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False, finalize=visible_controls)
_COMPILED = _ENV.from_string(_TEMPLATE)


def _markup(words: Iterable[WordOp], keep: set[str], moved: bool = False) -> Markup:
    """Escaped HTML for word operations: ``keep`` says which ops appear on this side."""
    parts: list[Markup] = []
    for op, chunk in words:
        if op not in keep:
            continue
        if op == DELETE:
            parts.append(Markup("<del>") + escape(chunk) + Markup("</del>"))
        elif op == INSERT:
            parts.append(Markup("<ins>") + escape(chunk) + Markup("</ins>"))
        else:
            parts.append(escape(chunk))
    return Markup("").join(parts)


def _number_html(change: ClauseChange, placement: Placement) -> Markup | str:
    old, new = number_of(change.old), number_of(change.new)
    if placement is Placement.MOVED_FROM:
        return escape(old)
    if change.matched_by is MatchedBy.LAYOUT:
        return escape(new)  # the same words cut differently: the new cut's number, unmarked
    if change.status is Status.ADDED:
        return Markup("<ins>") + escape(new) + Markup("</ins>") if new else ""
    if change.status is Status.REMOVED:
        return Markup("<del>") + escape(old) + Markup("</del>") if old else ""
    if old.rstrip(".") != new.rstrip(".") and change.status is not Status.MOVED:
        pieces = []
        if old:
            pieces.append(Markup("<del>") + escape(old) + Markup("</del>"))
        if new:
            pieces.append(Markup("<ins>") + escape(new) + Markup("</ins>"))
        return Markup(" ").join(pieces)
    return escape(new)


def _clause_at(change: ClauseChange, placement: Placement) -> Clause:
    """The clause a row shows: the old version where a moved clause used to stand."""
    if placement is Placement.MOVED_FROM and change.old is not None:
        return change.old
    return shown_clause(change)


def _rows(diff: DocumentDiff) -> list[dict[str, Any]]:
    rows = []
    where: dict[tuple[int, Placement], int] = {}
    for position, (placement, index) in enumerate(diff.layout):
        where[(index, placement)] = position
    for position, (placement, change) in enumerate(diff.rows()):
        index = diff.layout[position][1]
        clause = _clause_at(change, placement)
        anchor = change.anchor
        row: dict[str, Any] = {
            "status": change.status.value,
            "section": clause.kind.value == "section",
            "kind": clause.kind.value,
            "indent": max(0, clause.level - 1) * 1.25,
            "moved_from": placement is Placement.MOVED_FROM,
            "moved_to": placement is Placement.MOVED_TO,
            "id": anchor + "-from" if placement is Placement.MOVED_FROM else anchor,
            "number_html": _number_html(change, placement),
            "old_number": number_of(change.old) if placement is not Placement.MOVED_TO else "",
            "new_number": number_of(change.new) if placement is not Placement.MOVED_FROM else "",
            "link": None,
            "link_text": "",
            "description": "",
        }
        if placement is Placement.MOVED_FROM:
            row["inline"] = clause.full_text
            row["old_side"], row["new_side"] = clause.full_text, ""
            row["link"], row["link_text"] = anchor, (
                f"moved to {number_of(change.new) or 'below'} ↓" if where.get((index, Placement.MOVED_TO), 0) > position
                else f"moved to {number_of(change.new) or 'above'} ↑")
        elif placement is Placement.MOVED_TO:
            row["inline"] = _markup(change.words, {"equal", "insert", "delete"})
            row["old_side"], row["new_side"] = "", _markup(change.words, {"equal", "insert"})
            row["link"] = anchor + "-from"
            row["link_text"] = f"moved from {number_of(change.old) or 'elsewhere'}"
            row["description"] = describe(change) if change.modified else ""
        else:
            row["inline"] = _markup(change.words, {"equal", "insert", "delete"})
            row["old_side"] = _markup(change.words, {"equal", "delete"})
            row["new_side"] = _markup(change.words, {"equal", "insert"})
            if change.status in (Status.MODIFIED, Status.RENUMBERED) and change.matched_by and change.matched_by.value in ("split", "merge"):
                row["description"] = describe(change)
        rows.append(row)
    return rows


def _listed(diff: DocumentDiff) -> list[dict[str, Any]]:
    listed = []
    for entry in governor_entries(diff):
        item: dict[str, Any] = {
            "anchor": entry.anchor,
            "label": entry.label,
            "status": entry.status.value,
            "status_label": "Numbering" if entry.kind == "renumbered" else STATUS_LABELS[entry.status],
            "description": entry.description,
            "excerpt": "",
            "words": None,
            "run": None,
            "extra_anchors": [],
        }
        if entry.kind == "renumbered" and len(entry.changes) > 1:
            # Folded: one line for the run, every clause behind the expand control.
            item["run"] = [{"anchor": c.anchor, "label": clause_label(c), "excerpt": excerpt(c.new or c.old, 8)}
                           for c in entry.changes]
        elif entry.kind in ("split", "merge"):
            item["words"] = _markup(entry.words, {"equal", "insert", "delete"})
            item["extra_anchors"] = [c.anchor for c in entry.changes[1:]]
        elif number_of(entry.change.old) or number_of(entry.change.new):
            item["excerpt"] = excerpt(entry.change.new or entry.change.old, 8)
        listed.append(item)
    return listed


def render_html(diff: DocumentDiff) -> str:
    return _COMPILED.render(
        title=title_of(diff),
        old=diff.old,
        new=diff.new,
        notes=option_notes(diff),
        identical=diff.identical,
        statuses=list(Status),
        labels=STATUS_LABELS,
        summary=diff.summary,
        metadata_changes=diff.metadata_changes,
        listed=_listed(diff),
        headline=summary_sentence(diff),
        rows=_rows(diff),
    )
