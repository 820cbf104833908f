"""The trust report as one self-contained HTML page.

Everything is inline (CSS, a few lines of JS for sorting); no URL of any kind is
requested. All text from documents goes through jinja2's autoescaping.
"""

from __future__ import annotations

from collections.abc import Mapping

import jinja2

from ..io import slugify
from ..render.controls import visible_controls
from .render import register_renderer
from .report import TrustReport

_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust policy comparison — {{ report.as_of.isoformat() }}</title>
<style>
:root { --ok:#1b7f3b; --okbg:#dff3e4; --gap:#a61b1b; --gapbg:#fbe1e1; --warn:#8a5a00; --warnbg:#fff1cc; --line:#d0d4da; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; margin: 1.5rem; color:#1d2329; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { margin-top: 2rem; border-bottom: 2px solid var(--line); padding-bottom:.2rem; }
.meta { color:#555; margin:0 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; vertical-align: top; }
th { background:#f3f5f7; text-align:left; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \2195"; color:#999; font-weight: normal; }
th[aria-sort="ascending"]::after { content: " \25B2"; color:#333; }
th[aria-sort="descending"]::after { content: " \25BC"; color:#333; }
.matrix th.topic { writing-mode: vertical-rl; transform: rotate(180deg); height: 12rem; white-space: normal; text-align: left; font-weight: 600; padding: .3rem .1rem; line-height: 1.15; }
.matrix td.cell { text-align:center; min-width:1.6rem; padding:.15rem; }
.matrix td.cell a { display:block; text-decoration:none; color:inherit; }
td.covered { background: var(--okbg); color: var(--ok); }
td.gap { background: var(--gapbg); color: var(--gap); font-weight: 700; }
td.overdue, span.overdue { background: var(--warnbg); color: var(--warn); font-weight:700; }
td.num { text-align:right; font-variant-numeric: tabular-nums; }
.legend span { display:inline-block; padding:0 .4rem; margin-right:.5rem; border:1px solid var(--line); }
.bar { display:flex; height:.8rem; width:12rem; border:1px solid var(--line); }
.bar i { display:block; height:100%; } .bar .u { background:#6cbf84; } .bar .m { background:#f0c04a; } .bar .x { background:#e07070; }
.detail { page-break-inside: avoid; }
.evidence { color:#555; font-size: 12px; }
.small { font-size: 12px; color:#555; }
@media print {
  body { margin: 0; font-size: 10pt; }
  th.sortable::after { content: ""; }
  a { color: inherit; text-decoration: none; }
  h2 { page-break-before: always; } h2.first { page-break-before: avoid; }
  td.covered, td.gap, td.overdue { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<h1>Trust policy comparison</h1>
<p class="meta">{{ report.documents|length }} document{{ '' if report.documents|length == 1 else 's' }} ·
topics: {{ report.catalogue }} ({{ report.topics|length }}) · review dates checked as of {{ report.as_of.isoformat() }}
{% if report.baseline %}· model: {{ report.baseline.id }}{% endif %}</p>
<p>{{ overdue_count }} overdue for review · {{ gap_documents }} with at least one topic not found.</p>

<h2 class="first" id="coverage">Topic coverage</h2>
<p class="legend"><span class="covered" style="background:var(--okbg)">✓ covered</span><span style="background:var(--gapbg)">✗ not found</span>
Click a column heading to sort; click a cell for the clauses.</p>
<table class="matrix sortable-table">
<thead><tr>
<th class="sortable" data-type="text">Document</th>
<th class="sortable" data-type="num">Covered</th>
{% for topic in report.topics %}<th class="sortable topic" data-type="num" title="{{ topic.description }}">{{ topic.label }}</th>{% endfor %}
</tr></thead>
<tbody>
{% for entry in report.documents %}{% set n = loop.index0 %}
<tr>
<td data-sort="{{ entry.label }}"><a href="#doc-{{ n }}">{{ entry.label }}</a><div class="small">{{ entry.id }}</div></td>
<td class="num" data-sort="{{ covered_counts[n] }}">{{ covered_counts[n] }}/{{ report.topics|length }}</td>
{% for topic in report.topics %}{% set cov = entry.coverage(topic.id) %}
<td class="cell {{ 'covered' if cov.covered else 'gap' }}" data-sort="{{ 1 if cov.covered else 0 }}"
 title="{{ topic.label }}: {% if cov.covered %}{{ cell_titles[n][topic.id] }}{% else %}not found{% endif %}"><a href="#doc-{{ n }}-{{ topic.id }}">{{ '✓' if cov.covered else '✗' }}</a></td>
{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>

<h2 id="governance">Governance</h2>
<table class="sortable-table">
<thead><tr>
<th class="sortable" data-type="text">Document</th><th class="sortable" data-type="text">Title</th><th class="sortable" data-type="text">School</th>
<th class="sortable" data-type="text">Version</th><th class="sortable" data-type="text">Approved</th><th class="sortable" data-type="text">Last review</th>
<th class="sortable" data-type="text">Next review</th><th class="sortable" data-type="text">Approver</th><th class="sortable" data-type="text">Status</th>
</tr></thead>
<tbody>
{% for entry in report.documents %}{% set g = entry.governance %}
<tr>
<td data-sort="{{ entry.id }}"><a href="#doc-{{ loop.index0 }}">{{ entry.id }}</a></td>
<td>{{ g.title or '—' }}</td><td>{{ g.school or '—' }}</td><td>{{ g.version or '—' }}</td>
<td data-sort="{{ g.approved_iso or '' }}">{{ g.approved or '—' }}</td>
<td>{{ g.last_review or '—' }}</td>
<td data-sort="{{ g.next_review_latest.isoformat() if g.next_review_latest else '' }}">{{ g.next_review or '—' }}</td>
<td>{{ g.approved_by or '—' }}</td>
{% if g.overdue %}<td class="overdue" data-sort="0">overdue</td>{% elif g.overdue is none %}<td data-sort="1">no dated review</td>{% else %}<td data-sort="2">in date</td>{% endif %}
</tr>
{% endfor %}
</tbody>
</table>

{% if report.baseline %}
<h2 id="drift">Drift from the model</h2>
<p>Shares of the model's clauses ({{ report.baseline.id }}) found unchanged (including renumbered or moved), reworded, or missing; extra = local clauses the model does not have.</p>
<table class="sortable-table">
<thead><tr>
<th class="sortable" data-type="text">Document</th><th class="sortable" data-type="num">Unchanged</th><th class="sortable" data-type="num">Modified</th>
<th class="sortable" data-type="num">Missing</th><th class="sortable" data-type="num">Extra clauses</th><th>Profile</th><th>Changes</th>
</tr></thead>
<tbody>
{% for entry in report.documents if entry.divergence %}{% set d = entry.divergence %}
<tr>
<td data-sort="{{ entry.label }}"><a href="#doc-{{ loop.index0 }}">{{ entry.label }}</a></td>
{% for name in ['unchanged', 'modified', 'missing'] %}<td class="num" data-sort="{{ d.share(name) or 0 }}">{{ pct(d.share(name)) }} <span class="small">({{ d.as_dict()[name] }})</span></td>{% endfor %}
<td class="num" data-sort="{{ d.extra }}">{{ d.extra }}</td>
<td><div class="bar" aria-hidden="true"><i class="u" style="width:{{ width(d.share('unchanged')) }}%"></i><i class="m" style="width:{{ width(d.share('modified')) }}%"></i><i class="x" style="width:{{ width(d.share('missing')) }}%"></i></div></td>
<td>{% if links.get(entry.id) %}<a href="{{ links[entry.id] }}">clause by clause</a>{% else %}—{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% endif %}

<h2 id="detail">Detail by document</h2>
{% for entry in report.documents %}{% set n = loop.index0 %}
<section class="detail" id="doc-{{ n }}">
<h3>{{ entry.label }} <span class="small">{{ entry.source }}</span></h3>
{% if entry.governance.overdue %}<p><span class="overdue">Overdue for review</span> (next review {{ entry.governance.next_review }}).</p>{% endif %}
{% if links.get(entry.id) %}<p><a href="{{ links[entry.id] }}">Changes against the model, clause by clause</a></p>{% endif %}
{% if entry.document.warnings %}<p class="small">Reader warnings: {{ entry.document.warnings|join('; ') }}</p>{% endif %}
<table>
<thead><tr><th>Topic</th><th>Found</th><th>Clauses and evidence</th></tr></thead>
<tbody>
{% for topic in report.topics %}{% set cov = entry.coverage(topic.id) %}
<tr id="doc-{{ n }}-{{ topic.id }}">
<td>{{ topic.label }}</td>
<td class="{{ 'covered' if cov.covered else 'gap' }}">{{ 'covered' if cov.covered else 'not found' }}</td>
<td>
{% for ev in cov.document_evidence %}<div>document {{ ev.kind }}: {{ ev.text }}</div>{% endfor %}
{% for match in cov.matches[:6] %}<div><strong>{{ match.reference }}</strong>{% if match.clause_heading and match.clause_heading != match.reference %} {{ match.clause_heading }}{% endif %}
 <span class="evidence">— score {{ '%.2f'|format(match.score) }}: {% for ev in match.evidence %}{{ ev.kind }} “{{ ev.text|truncate(70) }}”{{ '; ' if not loop.last }}{% endfor %}</span></div>{% endfor %}
{% if cov.matches|length > 6 %}<div class="small">and {{ cov.matches|length - 6 }} more</div>{% endif %}
</td>
</tr>
{% endfor %}
</tbody>
</table>
</section>
{% endfor %}
<p class="small">Made by policykit. Topic evidence: heading, section, phrase, keyword, example similarity, metadata, clause kind.</p>
<script>
(function () {
  function key(cell, type) {
    var v = cell.getAttribute("data-sort"); if (v === null) v = cell.textContent.trim();
    if (type === "num") { var f = parseFloat(v); return isNaN(f) ? -Infinity : f; }
    return v.toLowerCase();
  }
  document.querySelectorAll("table.sortable-table").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      if (!th.classList.contains("sortable")) return;
      th.setAttribute("tabindex", "0");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0], type = th.getAttribute("data-type");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index], type), y = key(b.cells[index], type);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
})();
</script>
</body>
</html>
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=visible_controls)
_COMPILED = _ENV.from_string(_TEMPLATE)


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _width(share: float | None) -> str:
    return "0" if not share else f"{share * 100:.1f}"


def diff_link_name(report_name: str, document_id: str) -> str:
    """Where the per-school diff report goes, relative to the trust report."""
    stem = report_name.rsplit(".", 1)[0]
    return f"{stem}-diffs/{slugify(document_id.rsplit('.', 1)[0])}.html"


@register_renderer("html", (".html", ".htm"))
def render_html(report: TrustReport, links: Mapping[str, str] | None = None) -> str:
    covered_counts = [sum(entry.coverage(topic.id).covered for topic in report.topics) for entry in report.documents]
    cell_titles = [
        {
            topic.id: ", ".join(
                entry.coverage(topic.id).references[:8]
                + [ev.text for ev in entry.coverage(topic.id).document_evidence]
            )
            for topic in report.topics
        }
        for entry in report.documents
    ]
    return _COMPILED.render(
        report=report,
        links=dict(links or {}),
        covered_counts=covered_counts,
        cell_titles=cell_titles,
        overdue_count=len(report.overdue),
        gap_documents=sum(1 for count in covered_counts if count < len(report.topics)),
        pct=_pct,
        width=_width,
    )
