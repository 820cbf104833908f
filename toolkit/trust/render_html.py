"""The trust report as one self-contained HTML page.

Everything is inline (CSS, a few lines of JS for sorting); no URL of any kind is
requested. All text from documents goes through jinja2's autoescaping.
"""

from __future__ import annotations

from collections.abc import Mapping

import jinja2

from ..io import slugify
from ..policy_types import policy_type_info
from ..render.controls import visible_controls
from .report import TrustReport

_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust policy register — {{ report.as_of.isoformat() }}</title>
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
.filters { margin: .5rem 0 1rem; } .filters label { margin-right: 1.5rem; font-weight: 600; }
.register td.rcell { min-width: 7rem; font-size: 12px; } .register td.rcell a { color: inherit; }
td.present, .legend .present { background: var(--okbg); color: var(--ok); }
td.missing, .legend .missing { background: var(--gapbg); color: var(--gap); font-weight: 700; }
td.undated, .legend .undated { background: #eef1f5; }
.legend .overdue { background: var(--warnbg); color: var(--warn); }
.warn { color: var(--gap); font-weight: 700; }
.register th.ptype { writing-mode: vertical-rl; transform: rotate(180deg); height: 11rem; text-align: left; }
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
<h1>Trust policy register</h1>
<p class="meta">{{ report.schools|length }} school{{ '' if report.schools|length == 1 else 's' }} ·
{{ report.documents|length }} document{{ '' if report.documents|length == 1 else 's' }} read{% if report.not_read %} · <a href="#not-read">{{ report.not_read|length }} not read</a>{% endif %} ·
topics: {{ report.catalogue }} · review dates checked as of {{ report.as_of.isoformat() }}
{% if report.baselines %}· trust model{{ '' if report.baselines|length == 1 else 's' }}: {{ report.baselines|map(attribute='id')|join(', ') }}{% endif %}</p>
<p>{{ overdue_count }} overdue for review · {{ missing_count }} statutory polic{{ 'y' if missing_count == 1 else 'ies' }} missing · {{ gap_documents }} document{{ '' if gap_documents == 1 else 's' }} with topics not found{% if mismatch_count %} · {{ mismatch_count }} naming another school{% endif %}.</p>

<div class="filters" role="search" aria-label="Filter the report">
<label>School <select id="filter-school"><option value="">All schools</option>{% for row in report.schools %}<option value="{{ row.id }}">{{ row.name }}</option>{% endfor %}</select></label>
<label>Policy type <select id="filter-type"><option value="">All policy types</option>{% for type_id in columns %}<option value="{{ type_id }}">{{ type_label(type_id) }}</option>{% endfor %}</select></label>
<label><input type="checkbox" id="filter-stale"> Only documents citing superseded guidance ({{ stale_count }})</label>
</div>

<h2 class="first" id="register">Register: schools and policy types</h2>
<p class="legend"><span class="present">present</span><span class="overdue">overdue</span><span class="undated">no review date</span><span class="missing">missing (statutory)</span><span>— not required</span>
Click a column heading to sort; click a cell for the document's detail.</p>
<table class="register sortable-table">
<thead><tr>
<th class="sortable" data-type="text" scope="col">School</th>
<th class="sortable" data-type="num" scope="col">Missing</th>
{% for type_id in columns %}<th class="sortable ptype" data-type="text" data-ptype="{{ type_id }}" scope="col" title="{{ type_title(type_id) }}">{{ type_label(type_id) }}</th>{% endfor %}
</tr></thead>
<tbody>
{% for row in report.schools %}{% set cells = register[loop.index0] %}
<tr data-school="{{ row.id }}">
<th scope="row" data-sort="{{ row.name }}">{{ row.name }}<div class="small">{{ row.school_type }}{% if row.folder %} · folder {{ row.id }}{% endif %}</div>
{% if row.names_in_documents %}<div class="small">documents say: {{ row.names_in_documents|join('; ') }}</div>{% endif %}
{% if row.mismatched %}<div class="warn small">⚠ {{ row.mismatched|length }} document{{ '' if row.mismatched|length == 1 else 's' }} name{{ 's' if row.mismatched|length == 1 else '' }} another school</div>{% endif %}</th>
<td class="num" data-sort="{{ cells|selectattr('status', 'equalto', 'missing')|list|length }}">{{ cells|selectattr('status', 'equalto', 'missing')|list|length }}</td>
{% for cell in cells %}
<td class="rcell {{ cell.status }}" data-ptype="{{ cell.policy_type }}" data-sort="{{ status_rank[cell.status] }}">
{% if cell.documents %}{% for entry in cell.documents %}{% set g = entry.governance %}<a href="#doc-{{ index[entry.id] }}">{{ status_word[cell.status] if entry is sameas cell.current else 'also' }}{% if g.version %} · v{{ g.version }}{% endif %}{% if g.approved %} · approved {{ g.approved }}{% endif %}{% if g.next_review %} · next review {{ g.next_review }}{% endif %}</a>{% if entry.school_mismatch %} <span class="warn" title="the document names {{ g.school }}">⚠</span>{% endif %}<div class="small">{{ entry.id }}</div>{% endfor %}
{% elif cell.status == 'missing' %}missing<div class="small">statutory for {{ 'academies' if school_type(cell.school) == 'academy' else 'maintained schools' }}</div>
{% else %}—{% endif %}
</td>
{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>

{% if report.not_read %}
<h2 id="not-read">Not read ({{ report.not_read|length }})</h2>
<p>These files are not in the register. Fix or convert them and run again.</p>
<table class="sortable-table">
<thead><tr><th class="sortable" data-type="text">File</th><th class="sortable" data-type="text">School</th><th class="sortable" data-type="text">Why</th></tr></thead>
<tbody>
{% for item in report.not_read %}<tr data-school="{{ item.school or '' }}"><td>{{ item.file }}</td><td>{{ school_name(item.school) }}</td><td>{{ item.reason }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}

<h2 id="documents">Documents</h2>
<table class="documents sortable-table">
<thead><tr>
<th class="sortable" data-type="text">School</th><th class="sortable" data-type="text">File</th><th class="sortable" data-type="text">Title</th>
<th class="sortable" data-type="text">Policy type</th><th class="sortable" data-type="text">School named in document</th>
<th class="sortable" data-type="text">Version</th><th class="sortable" data-type="text">Approved</th><th class="sortable" data-type="text">Next review</th>
<th class="sortable" data-type="text">Review</th><th class="sortable" data-type="num">Topics found</th><th class="sortable" data-type="num">Drift: unchanged</th>
<th class="sortable" data-type="num">Cites superseded guidance</th>
</tr></thead>
<tbody>
{% for entry in report.documents %}{% set g = entry.governance %}{% set n = loop.index0 %}
<tr data-school="{{ entry.school or '' }}" data-ptype="{{ entry.type_id }}" data-stale="{{ 'yes' if entry.stale_citations else 'no' }}">
<td>{{ school_name(entry.school) }}</td>
<td data-sort="{{ entry.id }}"><a href="#doc-{{ n }}">{{ entry.id }}</a></td>
<td>{{ g.title or '—' }}</td>
<td data-sort="{{ type_label(entry.type_id) }}">{{ type_label(entry.type_id) }} <span class="small">({{ '%.0f'|format(entry.policy_type.confidence * 100) if entry.policy_type else 0 }}%)</span></td>
<td>{{ g.school or '—' }}{% if entry.school_mismatch %} <span class="warn">⚠ not {{ school_name(entry.school) }}</span>{% endif %}</td>
<td>{{ g.version or '—' }}</td>
<td data-sort="{{ g.approved_iso or '' }}">{{ g.approved or '—' }}</td>
<td data-sort="{{ g.next_review_latest.isoformat() if g.next_review_latest else '' }}">{{ g.next_review or '—' }}</td>
{% if entry.overdue %}<td class="overdue" data-sort="0" title="{{ entry.review.reason if entry.review else '' }}">overdue</td>{% elif entry.overdue is none %}<td data-sort="1" title="{{ entry.review.reason if entry.review else '' }}">no dated review</td>{% else %}<td data-sort="2" title="{{ entry.review.reason if entry.review else '' }}">in date</td>{% endif %}
{% if entry.topics is not none %}<td class="num" data-sort="{{ found_counts[n] }}">{{ found_counts[n] }}/{{ report.topics_of(entry)|length }}</td>{% else %}<td class="num" data-sort="-1">no catalogue</td>{% endif %}
{% if entry.divergence %}<td class="num" data-sort="{{ entry.divergence.share('unchanged') or 0 }}">{{ pct(entry.divergence.share('unchanged')) }}</td>{% else %}<td data-sort="-1">—</td>{% endif %}
<td data-sort="{{ entry.stale_citations|length }}">{% if entry.stale_citations %}<span class="warn">{% for f in entry.stale_citations %}{{ f.cited }}{% if f.applied_then %} (then: {{ f.applied_then.label }}){% endif %}{{ '; ' if not loop.last }}{% endfor %}</span>{% else %}—{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>

{% if drift_entries %}
<h2 id="drift">Drift from the trust's models</h2>
<p>Shares of the model's clauses found unchanged (including renumbered or moved), reworded, or missing; extra = local clauses the model does not have. Each document is compared with the model of its own policy type.</p>
<table class="sortable-table">
<thead><tr>
<th class="sortable" data-type="text">School</th><th class="sortable" data-type="text">Policy type</th><th class="sortable" data-type="text">File</th><th class="sortable" data-type="text">Model</th>
<th class="sortable" data-type="num">Unchanged</th><th class="sortable" data-type="num">Modified</th><th class="sortable" data-type="num">Missing</th><th class="sortable" data-type="num">Extra clauses</th><th>Profile</th><th>Changes</th>
</tr></thead>
<tbody>
{% for entry in drift_entries %}{% set d = entry.divergence %}
<tr data-school="{{ entry.school or '' }}" data-ptype="{{ entry.type_id }}">
<td>{{ school_name(entry.school) }}</td><td>{{ type_label(entry.type_id) }}</td>
<td data-sort="{{ entry.id }}"><a href="#doc-{{ index[entry.id] }}">{{ entry.id }}</a></td><td>{{ entry.model or '—' }}</td>
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
<section class="detail" id="doc-{{ n }}" data-school="{{ entry.school or '' }}" data-ptype="{{ entry.type_id }}">
<h3>{{ school_name(entry.school) }} — {{ type_label(entry.type_id) }} <span class="small">{{ entry.source }}</span></h3>
<p class="small">Policy type {{ type_label(entry.type_id) }}{% if entry.policy_type and entry.policy_type.evidence %}, from {% for ev in entry.policy_type.evidence[:4] %}{{ ev.kind }} “{{ ev.text }}”{{ ', ' if not loop.last }}{% endfor %}{% endif %}.
{% if entry.governance.school %} The document names the school “{{ entry.governance.school }}”{% if entry.school_mismatch %}, <strong class="warn">not {{ school_name(entry.school) }}</strong>{% endif %}.{% endif %}</p>
{% if entry.review %}<p>{% if entry.overdue %}<span class="overdue">Overdue for review</span>: {% endif %}{{ entry.review.reason }}.</p>{% endif %}
{% if links.get(entry.id) %}<p><a href="{{ links[entry.id] }}">Changes against the model {{ entry.model }}, clause by clause</a></p>{% endif %}
{% if entry.document.warnings %}<p class="small">Reader warnings: {{ entry.document.warnings|join('; ') }}</p>{% endif %}
{% if entry.topics is none %}
<p>No topic catalogue for {{ type_label(entry.type_id) }} policies: this document is not scored against another type's topics (use <code>--topics</code> to force a catalogue).</p>
{% else %}
<p class="small">Topics of the {{ entry.catalogue }} catalogue; ★ marks a topic the statutory guidance requires.</p>
<table>
<thead><tr><th>Topic</th><th>Found</th><th>Clauses and evidence</th></tr></thead>
<tbody>
{% for topic in report.topics_of(entry) %}{% set cov = entry.coverage(topic.id) %}
<tr id="doc-{{ n }}-{{ topic.id }}">
<td>{{ topic.label }}{% if topic.mandatory %} <span title="required by the guidance: {{ topic.source }}">★</span>{% endif %}</td>
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
{% endif %}
</section>
{% endfor %}
<p class="small">Made by policykit. Policy type evidence: title, opening lines, headings, statutes cited. Topic evidence: heading, section, phrase (word stems, synonyms, any order), keyword, example similarity, metadata, clause kind.</p>
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
  var school = document.getElementById("filter-school"), ptype = document.getElementById("filter-type");
  var stale = document.getElementById("filter-stale");
  function applyFilters() {
    var s = school.value, t = ptype.value, onlyStale = stale && stale.checked;
    document.querySelectorAll("[data-school]").forEach(function (el) {
      var okSchool = !s || el.getAttribute("data-school") === s;
      var okType = !t || !el.hasAttribute("data-ptype") || el.getAttribute("data-ptype") === t || el.tagName === "TH";
      var okStale = !onlyStale || !el.hasAttribute("data-stale") || el.getAttribute("data-stale") === "yes";
      if (el.tagName === "TR" || el.tagName === "SECTION") el.hidden = !(okSchool && okType && okStale);
    });
    document.querySelectorAll("table.register [data-ptype]").forEach(function (el) {
      el.hidden = !!t && el.getAttribute("data-ptype") !== t;
    });
  }
  if (school && ptype) { school.addEventListener("change", applyFilters); ptype.addEventListener("change", applyFilters); }
  if (stale) { stale.addEventListener("change", applyFilters); }
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


_STATUS_WORD = {"present": "present", "overdue": "overdue", "undated": "no review date", "missing": "missing",
                "not-required": "—"}
_STATUS_RANK = {"missing": 0, "overdue": 1, "undated": 2, "present": 3, "not-required": 4}


def render_html(report: TrustReport, links: Mapping[str, str] | None = None) -> str:
    found_counts = [
        sum(entry.coverage(topic.id).covered for topic in report.topics_of(entry)) for entry in report.documents
    ]
    register = report.register()
    columns = report.type_columns
    names = {row.id: row.name for row in report.schools}
    kinds = {row.id: row.school_type for row in report.schools}

    def type_title(type_id: str) -> str:
        info = policy_type_info(type_id)
        statutory = [who for who, yes in (("maintained schools", info.statutory_maintained),
                                          ("academies", info.statutory_academy)) if yes]
        return (f"{info.label}: statutory for {' and '.join(statutory)}" if statutory else f"{info.label}: not statutory") + \
            f"; review every {info.review_months} months"

    return _COMPILED.render(
        report=report,
        links=dict(links or {}),
        register=register,
        columns=columns,
        found_counts=found_counts,
        index={entry.id: n for n, entry in enumerate(report.documents)},
        overdue_count=len(report.overdue),
        missing_count=sum(cell.status == "missing" for row in register for cell in row),
        mismatch_count=sum(entry.school_mismatch for entry in report.documents),
        stale_count=sum(bool(entry.stale_citations) for entry in report.documents),
        gap_documents=sum(1 for entry, count in zip(report.documents, found_counts)
                          if entry.topics is not None and count < len(report.topics_of(entry))),
        drift_entries=[entry for entry in report.documents if entry.divergence is not None],
        status_word=_STATUS_WORD,
        status_rank=_STATUS_RANK,
        type_label=lambda type_id: policy_type_info(type_id).label,
        type_title=type_title,
        school_name=lambda school_id: names.get(school_id, school_id or "—"),
        school_type=lambda school_id: kinds.get(school_id, "academy"),
        pct=_pct,
        width=_width,
    )
