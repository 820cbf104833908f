"""Any ``Document`` as one self-contained, print-ready HTML page.

Everything is inline (no stylesheet, font, script or image from anywhere), so
the file works offline and can be emailed or put on a school website as it is.
All document text goes through Jinja's autoescaping.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup, escape

from ..model import Clause, ClauseKind, Document
from .controls import visible_controls
from .markdown_document import printed_number

_PAGE = r"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policykit">
<title>{{ title }}{% if school %} | {{ school }}{% endif %}</title>
<style>
  :root { --ink: #1b1b1b; --accent: #1f3864; --rule: #c8cdd6; --note: #fff2cc; }
  html { font: 11pt/1.45 Arial, "Helvetica Neue", Helvetica, sans-serif; color: var(--ink); }
  body { max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem; }
  header.running { color: #555; font-size: 9pt; text-align: right; border-bottom: 1px solid var(--rule); }
  h1 { color: var(--accent); font-size: 20pt; margin: 1.2rem 0 1rem; }
  h2, h3, h4 { color: var(--accent); break-after: avoid; page-break-after: avoid; }
  h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; }
  h3 { font-size: 12pt; } h4 { font-size: 11pt; }
  .num { display: inline-block; min-width: 3.2em; font-weight: normal; }
  h2 .num { min-width: 2em; font-weight: bold; }
  p { margin: .35rem 0; }
  .clause { margin: .3rem 0; }
  .clause > p, .item > p { display: flex; gap: .25em; }
  .children { margin-left: 2.2em; }
  ul { margin: .2rem 0 .2rem 1.2em; padding-left: 1em; }
  table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
  th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
  table.cover th { width: 38%; background: #f2f4f8; }
  .note { background: var(--note); padding: .3rem .6rem; font-style: italic; }
  .declaration { white-space: pre-line; border: 1px solid var(--rule); padding: .6rem .8rem; }
  footer.running { margin-top: 2rem; color: #555; font-size: 9pt; border-top: 1px solid var(--rule); }
  @page { size: A4; margin: 2cm; @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
  @media print {
    body { max-width: none; margin: 0; padding: 0; }
    header.running, footer.running { display: none; }
    h2 { break-before: auto; }
    .clause, li, tr { break-inside: avoid; page-break-inside: avoid; }
  }
</style>
</head>
<body>
{% if school %}<header class="running">{{ school }}</header>{% endif %}
<main>
{% if title %}<h1>{{ title }}</h1>{% endif %}
{% if cover_rows %}
<table class="cover"><tbody>
{% for label, value in cover_rows %}<tr><th scope="row">{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}</tbody></table>
{% endif %}
{{ body }}
</main>
{% if footer %}<footer class="running">{{ footer }}</footer>{% endif %}
</body>
</html>
"""

_environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=visible_controls)
_page = _environment.from_string(_PAGE)


def _e(text: str) -> str:
    return str(visible_controls(escape(text)))


def _number(number: str | None) -> str:
    return f'<span class="num">{_e(number)}</span>' if number else ""


def _clause(clause: Clause, out: list[str]) -> None:
    anchor = f' id="{_e(clause.id)}"'
    if clause.kind is ClauseKind.SECTION:
        tag = f"h{min(clause.level + 1, 4)}"
        out.append(f"<section{anchor}><{tag}>{_number(printed_number(clause))}{_e(clause.heading or clause.text)}</{tag}>")
        if clause.heading and clause.text:
            out.append(f"<p>{_e(clause.text)}</p>")
        for child in clause.children:
            _clause(child, out)
        out.append("</section>")
        return
    if clause.kind is ClauseKind.TABLE:
        out.append(f"<div class=\"clause\"{anchor}>")
        if clause.number or clause.heading:
            out.append(f"<p>{_number(clause.number)}<strong>{_e(clause.heading or '')}</strong></p>")
        if clause.rows:
            out.append("<table>")
            for index, row in enumerate(clause.rows):
                cell = "th" if index == 0 else "td"
                out.append("<tr>" + "".join(f"<{cell}>{_e(c)}</{cell}>" for c in row) + "</tr>")
            out.append("</table>")
        elif clause.text:
            out.append(f"<p>{_e(clause.text)}</p>")
        out.append("</div>")
        return
    css = {ClauseKind.DECLARATION: "declaration", ClauseKind.DRAFTING_NOTE: "note"}.get(clause.kind, "clause")
    if clause.kind is ClauseKind.LIST_ITEM and clause.number is None:
        out.append(f"<ul><li{anchor}>{_e(clause.full_text)}")
        _children(clause, out)
        out.append("</li></ul>")
        return
    heading = f"<strong>{_e(clause.heading)}</strong> " if clause.heading else ""
    body = f"{_number(clause.number)}<span>{heading}{_e(clause.text)}</span>"
    if clause.kind is ClauseKind.DECLARATION:
        out.append(f'<div class="declaration"{anchor}>{_number(clause.number)}{heading}{_e(clause.text)}</div>')
    else:
        out.append(f'<div class="{css}"{anchor}><p>{body}</p>')
        _children(clause, out)
        out.append("</div>")
        return
    for child in clause.children:
        _clause(child, out)


def document_to_html(
    document: Document,
    *,
    title: str | None = None,
    school: str | None = None,
    cover_rows: tuple[tuple[str, str], ...] = (),
    footer: str | None = None,
) -> str:
    body: list[str] = []
    for clause in document.clauses:
        _clause(clause, body)
    return _page.render(
        title=title if title is not None else (document.title or ""),
        school=school,
        cover_rows=cover_rows,
        body=Markup("\n".join(body)),
        footer=footer,
    )


def _children(clause: Clause, out: list[str]) -> None:
    """A clause's sub-clauses, indented under it."""
    if clause.children:
        out.append('<div class="children">')
        for child in clause.children:
            _clause(child, out)
        out.append("</div>")
