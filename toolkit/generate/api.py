"""Generating a school's policy, declarations and sign-off sheet from its profile.

The pure part (``render_policy``, ``render_declarations``, ``build_outputs``)
turns a profile, a template set and a staff list into named file contents;
``generate_policy`` adds reading the inputs and writing the set all-or-nothing
into ``<out_dir>/<school-slug>/``. Nothing depends on the clock except through
``timestamp`` (or ``$SOURCE_DATE_EPOCH``), so a fixed timestamp reproduces every
file byte for byte (the LibreOffice PDF aside: LibreOffice stamps its own).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import PartialDate, uk_long_date
from ..errors import OutputError, TemplateError, ToolkitError
from ..io import check_output_folder, display_path, publish_folder, slugify
from ..model import Clause, Document, Metadata, MetaValue, replace
from ..render.docx_document import DocxWriteOptions, document_to_docx, resolve_timestamp
from ..render.html_document import document_to_html
from ..render.markdown_document import document_to_markdown
from ..render.pdf import docx_to_pdf, docx_to_pdfs, soffice_path
from ..render.xlsx_signoff import signoff_workbook
from .profile import SchoolProfile, load_profile, parse_profile, profile_sha256
from .schools import ProfileSource, profile_file_source
from .staff import StaffMember, load_staff
from .structure import BuiltDocument, build_numbered_document, ref_placeholder
from .templates import (
    TemplateSet,
    load_template_set,
    make_environment,
    prepare_template,
    ref_calls,
    render_template,
)

DECLARATION_CONTEXT = ("school", "options", "template", "staff")

OUTPUT_POLICY_DOCX = "policy.docx"
OUTPUT_POLICY_MD = "policy.md"
OUTPUT_POLICY_HTML = "policy.html"
OUTPUT_POLICY_PDF = "policy.pdf"
OUTPUT_DECLARATION = "declaration.docx"
OUTPUT_STAFF_DECLARATIONS = "staff-declarations.docx"
OUTPUT_SIGNOFF = "signoff.xlsx"
OUTPUT_MANIFEST = "manifest.json"
OUTPUT_MODEL = "model.docx"
ALL_OUTPUTS = (OUTPUT_POLICY_DOCX, OUTPUT_POLICY_MD, OUTPUT_POLICY_HTML, OUTPUT_POLICY_PDF, OUTPUT_DECLARATION,
               OUTPUT_STAFF_DECLARATIONS, OUTPUT_SIGNOFF, OUTPUT_MANIFEST, OUTPUT_MODEL)


def _cycle_text(years: int) -> str:
    return "Every year" if years == 1 else f"Every {years} years"


def school_context(profile: SchoolProfile) -> dict[str, Any]:
    """What templates see as ``school``: the profile's facts plus the dates derived from them."""
    return {
        "name": profile.school_name,
        "type": profile.school_type,
        "trust": profile.trust,
        "headteacher": profile.headteacher,
        "designated_safeguarding_lead": profile.designated_safeguarding_lead,
        "deputy_safeguarding_lead": profile.deputy_safeguarding_lead,
        "data_protection_officer": profile.data_protection_officer,
        "chair_of_governors": profile.chair_of_governors,
        "approving_body": profile.approving_body,
        "approval_date": profile.approval_date,
        "review_cycle_years": profile.review_cycle_years,
        "next_review_date": profile.next_review_date,
        "version": profile.version,
        "pupil_age_range": profile.pupil_age_range,
        "youngest_pupil_age": profile.youngest_pupil_age,
        "oldest_pupil_age": profile.oldest_pupil_age,
    }


def cover_rows(profile: SchoolProfile, template_set: TemplateSet) -> tuple[tuple[str, str], ...]:
    """The governance details printed on the cover of the policy."""
    # Labels a reader recognises as metadata keys ("Approved by", "Next review",
    # "Policy owner"), so that the table reads back as the policy's metadata. The
    # safeguarding and data protection contacts are named in the roles section.
    rows = [("School", profile.school_name)]
    if profile.trust:
        rows.append(("Trust", profile.trust))
    rows += [
        ("Policy", template_set.title),
        ("Version", profile.version),
        ("Approved by", profile.approving_body[0].upper() + profile.approving_body[1:]),
        ("Date approved", profile.approval_date_text),
        ("Review cycle", _cycle_text(profile.review_cycle_years)),
        ("Next review", profile.next_review_date_text),
        ("Policy owner", f"{profile.headteacher}, headteacher"),
    ]
    return tuple(rows)


def policy_metadata(profile: SchoolProfile, template_set: TemplateSet) -> Metadata:
    def date_value(value: dt.date) -> MetaValue:
        return MetaValue(uk_long_date(value), PartialDate(value.year, value.month, value.day))

    return Metadata(
        school=MetaValue(profile.school_name, profile.school_name),
        title=MetaValue(template_set.title, template_set.title),
        version=MetaValue(profile.version, profile.version),
        approved=date_value(profile.approval_date),
        approved_by=MetaValue(profile.approving_body, profile.approving_body),
        next_review=date_value(profile.next_review_date),
        owner=MetaValue(profile.headteacher, profile.headteacher),
    )


def render_policy(profile: SchoolProfile, template_set: TemplateSet) -> BuiltDocument:
    """The school's policy as a numbered Document, cross-references resolved."""
    environment = make_environment(template_set)
    context = {
        "school": school_context(profile),
        "options": profile.options_chosen(),
        "template": {"name": template_set.name, "version": template_set.version, "title": template_set.title},
        "ref": ref_placeholder,
    }
    markdown = render_template(environment, template_set.policy, context)
    return build_numbered_document(
        markdown,
        where=template_set.policy,
        source=f"{template_set.name} {template_set.version}",
        metadata=policy_metadata(profile, template_set),
        ref_lines=ref_calls(environment, template_set.policy),
    )


def _prefixed(clause: Clause, prefix: str) -> Clause:
    return replace(clause, id=f"{prefix}{clause.id}", children=tuple(_prefixed(c, prefix) for c in clause.children))


def render_declarations(
    profile: SchoolProfile, template_set: TemplateSet, staff: Sequence[StaffMember] | None
) -> tuple[Document, frozenset[str]]:
    """One declaration per member of staff (or one blank form), and the clause ids that start a page."""
    environment = make_environment(template_set)
    template = prepare_template(environment, template_set.declaration, set(DECLARATION_CONTEXT))
    people = list(staff) if staff else [None]
    clauses: list[Clause] = []
    page_starts: set[str] = set()
    shared = {
        "school": school_context(profile),
        "options": profile.options_chosen(),
        "template": {"name": template_set.name, "version": template_set.version, "title": template_set.title},
    }
    for index, person in enumerate(people, start=1):
        context = dict(shared)
        context["staff"] = ({"name": person.name, "role": person.role, "email": person.email} if person
                            else {"name": "", "role": "", "email": ""})
        markdown = template.render(context)
        built = build_numbered_document(
            markdown,
            where=template_set.declaration,
            source=f"{template_set.name} {template_set.version}",
            metadata=Metadata(),
            numbered_sections=False,
        )
        rendered = [_prefixed(clause, f"p{index}-") for clause in built.document.clauses]
        if rendered and index > 1:
            page_starts.add(rendered[0].id)
        clauses += rendered
    title = f"Staff declaration: {template_set.title}"
    metadata = Metadata(
        school=MetaValue(profile.school_name, profile.school_name),
        title=MetaValue(title, title),
        version=MetaValue(profile.version, profile.version),
    )
    document = Document(source=f"{template_set.name} {template_set.version}", format="template",
                        metadata=metadata, clauses=tuple(clauses))
    return document, frozenset(page_starts)


def _footer(profile: SchoolProfile, template_set: TemplateSet) -> str:
    return f"{template_set.title} · version {profile.version} · next review {profile.next_review_date_text}"


def policy_docx(built: Document, profile: SchoolProfile, template_set: TemplateSet, timestamp: dt.datetime,
                cross_references: tuple[tuple[str, str, int, int, str], ...] = ()) -> bytes:
    """The policy in Word: clause numbers, cross-references ("see section 14") and the
    contents list are fields, so they stay right when the school edits it in Word."""
    return document_to_docx(
        built,
        DocxWriteOptions(
            cross_references=cross_references,
            contents=True,
            header_text=profile.school_name,
            footer_text=_footer(profile, template_set),
            cover_rows=cover_rows(profile, template_set),
            title=template_set.title,
            author=profile.school_name,
            subject=f"{template_set.title} for {profile.school_name}",
            keywords=f"policy; {template_set.name}; version {profile.version}",
            version=profile.version,
            description=f"Approved by the {profile.approving_body} on {profile.approval_date_text}; "
            f"next review {profile.next_review_date_text}.",
            created=timestamp,
            custom_properties=(
                ("Approved", profile.approval_date.isoformat()),
                ("Approved by", profile.approving_body),
                ("Next review", profile.next_review_date.isoformat()),
                ("Template", f"{template_set.name} {template_set.version}"),
                ("Version", profile.version),
            ),
            timestamp=timestamp,
        ),
    )


@dataclass(frozen=True)
class GenerationResult:
    """What ``generate_policy`` wrote: the folder, each output's path, and the policy as a Document."""
    folder: Path
    outputs: dict[str, Path]  # output name -> written path
    document: Document  # the policy as rendered: the expectation for any reader of policy.docx
    references: tuple[tuple[str, str, str], ...]
    profile: SchoolProfile
    template: TemplateSet
    staff_count: int
    pdf_skipped: str | None = None  # why no PDF was made, when none was
    manifest: dict[str, Any] = field(default_factory=dict)


def build_outputs(
    profile: SchoolProfile,
    template_set: TemplateSet,
    staff: Sequence[StaffMember] | None,
    *,
    timestamp: dt.datetime,
    profile_name: str,
    profile_hash: str,
    staff_hash: str | None = None,
    pdf: bool = True,
    include_model: bool = False,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, bytes], BuiltDocument, str | None, dict[str, Any]]:
    """Every output's bytes (manifest included), the rendered policy, and why a PDF was skipped."""
    step = progress or (lambda _message: None)
    step("rendering the policy template")
    built = render_policy(profile, template_set)
    document = built.document
    step("writing policy.docx")
    files = _policy_files(built, profile, template_set, timestamp)
    step("writing the declarations")
    files.update(_declaration_files(profile, template_set, staff, timestamp))

    if include_model:
        step("writing the model policy (default options) for comparison")
        files[OUTPUT_MODEL] = model_docx(template_set, timestamp)

    pdf_skipped = pdf_skip_reason(pdf)
    if pdf_skipped is None:
        step("converting policy.docx to PDF with LibreOffice")
        converted = docx_to_pdf(files[OUTPUT_POLICY_DOCX], name="policy")
        if converted is not None:
            files[OUTPUT_POLICY_PDF] = converted
    manifest = finish_outputs(files, document, profile, template_set, staff, timestamp=timestamp,
                              profile_name=profile_name, profile_hash=profile_hash, staff_hash=staff_hash,
                              pdf_skipped=pdf_skipped)
    return files, built, pdf_skipped, manifest


def _policy_files(built: BuiltDocument, profile: SchoolProfile, template_set: TemplateSet,
                  timestamp: dt.datetime) -> dict[str, bytes]:
    """The policy in Word, Markdown and HTML."""
    document = built.document
    covers = cover_rows(profile, template_set)
    return {
        OUTPUT_POLICY_DOCX: policy_docx(document, profile, template_set, timestamp, built.reference_spans),
        OUTPUT_POLICY_MD: document_to_markdown(document, cover_rows=covers, title=template_set.title).encode(),
        OUTPUT_POLICY_HTML: document_to_html(
            document, title=template_set.title, school=profile.school_name, cover_rows=covers,
            footer=_footer(profile, template_set),
        ).encode(),
    }


def _declaration_files(profile: SchoolProfile, template_set: TemplateSet, staff: Sequence[StaffMember] | None,
                       timestamp: dt.datetime) -> dict[str, bytes]:
    """The blank declaration; with a staff list, one declaration each and the sign-off sheet."""
    options = DocxWriteOptions(
        header_text=profile.school_name,
        title="",
        author=profile.school_name,
        version=profile.version,
        keywords=f"declaration; {template_set.name}; version {profile.version}",
        timestamp=timestamp,
    )
    blank, _ = render_declarations(profile, template_set, None)
    files = {OUTPUT_DECLARATION: document_to_docx(blank, options)}
    if staff:
        signed, page_starts = render_declarations(profile, template_set, staff)
        files[OUTPUT_STAFF_DECLARATIONS] = document_to_docx(
            # Each person's declaration is its own Word section: "Page 1 of 2" for everyone.
            signed, dataclasses.replace(options, section_starts=page_starts)
        )
        files[OUTPUT_SIGNOFF] = signoff_workbook(
            [(member.name, member.role, member.email) for member in staff],
            policy_title=template_set.title,
            version=profile.version,
            issued=timestamp.date(),
            school=profile.school_name,
            timestamp=timestamp,
        )
    return files


def pdf_skip_reason(pdf: bool) -> str | None:
    """Why no PDF will be made, or None when LibreOffice is to make one."""
    if not pdf:
        return "not asked for (--no-pdf)"
    if soffice_path() is None:
        return "LibreOffice (soffice) is not installed"
    return None


def finish_outputs(
    files: dict[str, bytes],
    document: Document,
    profile: SchoolProfile,
    template_set: TemplateSet,
    staff: Sequence[StaffMember] | None,
    *,
    timestamp: dt.datetime,
    profile_name: str,
    profile_hash: str,
    staff_hash: str | None,
    pdf_skipped: str | None,
    profile_extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Add manifest.json to ``files`` (it hashes every other output, the PDF included) and return it."""
    manifest = {
        "generator": "policykit",
        "generated_at": timestamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "profile": {"file": profile_name, "sha256": profile_hash, **(profile_extra or {})},
        "school": profile.school_name,
        "template": {
            "name": template_set.name,
            "version": template_set.version,
            "title": template_set.title,
            "source": template_set.source,
            "sha256": template_set.files_sha256(),
        },
        "options": profile.options_chosen(),
        "policy_version": profile.version,
        "approval_date": profile.approval_date.isoformat(),
        "next_review_date": profile.next_review_date.isoformat(),
        "clauses": sum(1 for _ in document.walk()),
        "staff": {"count": len(staff), "sha256": staff_hash} if staff else None,
        "pdf": "skipped: " + pdf_skipped if pdf_skipped else "made with LibreOffice (not byte-reproducible)",
        "outputs": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    files[OUTPUT_MANIFEST] = (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return manifest


def generate_policy(
    profile_path: str | Path,
    staff_csv: str | Path | None = None,
    out_dir: str | Path = "output",
    *,
    templates: str | Path | None = None,
    timestamp: dt.datetime | None = None,
    pdf: bool = True,
    include_model: bool = False,
    progress: Callable[[str], None] | None = None,
) -> GenerationResult:
    """Generate every output for one school into ``<out_dir>/<school-slug>/``, all or nothing."""
    profile_path = Path(profile_path)
    profile = load_profile(profile_path)
    staff = load_staff(staff_csv) if staff_csv is not None else None
    template_set = load_template_set(templates)
    stamp = resolve_timestamp(timestamp)
    check_output_folder(Path(out_dir) / slugify(profile.school_name, fallback="school"))  # before the slow part
    try:
        files, built, pdf_skipped, manifest = build_outputs(
            profile,
            template_set,
            staff,
            timestamp=stamp,
            profile_name=profile_path.name,
            profile_hash=profile_sha256(profile_path),
            staff_hash=hashlib.sha256(Path(staff_csv).read_bytes()).hexdigest() if staff_csv is not None else None,
            pdf=pdf,
            include_model=include_model,
            progress=progress,
        )
    except TemplateError as exc:
        raise _in_folder(exc, template_set.folder) from None
    folder = Path(out_dir) / slugify(profile.school_name, fallback="school")
    if progress:
        progress(f"writing {len(files)} files to {folder}")
    # One set: a kill mid-write leaves the old set or the new one, never a mix. Other files
    # in the folder (an earlier run's sign-off sheet, the user's own) are carried over.
    written = publish_folder(folder, files)
    return GenerationResult(
        folder=folder,
        outputs={name: path for name, path in zip(files, written)},
        document=built.document,
        references=built.references,
        profile=profile,
        template=template_set,
        staff_count=len(staff) if staff else 0,
        pdf_skipped=pdf_skipped,
        manifest=manifest,
    )


BATCH_CHUNK = 200  # schools rendered, converted by one LibreOffice run, and published together


@dataclass(frozen=True)
class BatchResult:
    """What a batch made: each school's set, and what could not be made and why."""

    results: tuple[GenerationResult, ...]
    failures: tuple[ToolkitError, ...]  # each names its profile file (or CSV row) and the problem
    sources: dict[Path, str] = field(default_factory=dict)  # school folder -> profile label, for messages
    pdf_skipped: str | None = None  # why no PDFs were made, when none were asked for or possible


def generate_policies(
    sources: Sequence[Any],
    out_dir: str | Path = "output",
    *,
    templates: str | Path | None = None,
    timestamp: dt.datetime | None = None,
    pdf: bool = True,
    include_model: bool = False,
    failures: Sequence[ToolkitError] = (),
    progress: Callable[[str], None] | None = None,
) -> BatchResult:
    """Generate every school's set, with ONE LibreOffice run for all the PDFs.

    ``sources`` are profile paths or ``schools.ProfileSource`` (a CSV row). Each school
    gets the same files, byte for byte, as ``generate_policy`` with the same timestamp
    (the PDF aside, which LibreOffice stamps). A school that fails (its profile, its
    folder, its PDF) is reported in ``failures`` and the others go on; a broken template
    set stops the run (every school would fail the same way). Each set is published
    only once it is complete, PDF included: complete or absent/old, never a mix.
    Past ``BATCH_CHUNK`` schools, LibreOffice runs once a chunk.
    """
    run = _BatchRun(
        out_dir=Path(out_dir),
        template_set=load_template_set(templates),
        timestamp=resolve_timestamp(timestamp),
        include_model=include_model,
        pdf_skipped=pdf_skip_reason(pdf),
        step=progress or (lambda _message: None),
        total=len(sources),
        failed=list(failures),
    )
    # Schools go through in chunks so that memory and LibreOffice's run stay bounded for a
    # national list, and a run stopped half-way keeps the chunks already published; up to
    # BATCH_CHUNK schools (every trust) is one chunk: one LibreOffice start.
    for first in range(0, run.total, BATCH_CHUNK):
        chunk = enumerate(sources[first:first + BATCH_CHUNK], start=first + 1)
        pending = [school for index, item in chunk if (school := run.render(index, item)) is not None]
        pending, pdfs = run.convert(pending)
        for school in pending:
            run.publish(school, pdfs)
    return BatchResult(results=tuple(run.results), failures=tuple(run.failed), sources=dict(run.taken),
                       pdf_skipped=run.pdf_skipped)


@dataclass(frozen=True)
class _RenderedSchool:
    """One school's files, rendered and waiting for its PDF before being published."""

    source: ProfileSource
    folder: Path
    files: dict[str, bytes]
    built: BuiltDocument


@dataclass
class _BatchRun:
    """The state of one ``generate_policies`` run: what is made, what failed, which folders are taken."""

    out_dir: Path
    template_set: TemplateSet
    timestamp: dt.datetime
    include_model: bool
    pdf_skipped: str | None
    step: Callable[[str], None]
    total: int
    failed: list[ToolkitError] = field(default_factory=list)
    results: list[GenerationResult] = field(default_factory=list)
    taken: dict[Path, str] = field(default_factory=dict)  # school folder -> profile label

    def render(self, index: int, item: Any) -> _RenderedSchool | None:
        """One school's files before the PDF; None (and a failure noted) when it cannot be made."""
        try:
            source = item if isinstance(item, ProfileSource) else profile_file_source(item)
            folder = self.out_dir / slugify(source.profile.school_name, fallback="school")
            if folder in self.taken:
                # Two rows for one school would publish over each other; the first one stands.
                raise OutputError(f"{source.profile.school_name} is already generated in this run from "
                                  f"{self.taken[folder]} (same folder {display_path(folder)})", path=source.label)
            check_output_folder(folder)
            self.step(f"school {index} of {self.total}: {source.profile.school_name}")
            try:
                files, built = _render_files(source.profile, self.template_set, include_model=self.include_model,
                                             timestamp=self.timestamp)
            except TemplateError as exc:
                raise _in_folder(exc, self.template_set.folder) from None
        except ToolkitError as exc:
            self.failed.append(exc)
            return None
        self.taken[folder] = source.label
        return _RenderedSchool(source, folder, files, built)

    def convert(self, pending: list[_RenderedSchool]) -> tuple[list[_RenderedSchool], dict[str, bytes | None]]:
        """The chunk's PDFs from one LibreOffice run; if that run fails, every school in it fails."""
        if self.pdf_skipped is not None or not pending:
            return pending, {}
        self.step(f"converting {len(pending)} policies to PDF with LibreOffice (one run)")
        try:
            return pending, docx_to_pdfs({school.folder.name: school.files[OUTPUT_POLICY_DOCX] for school in pending})
        except OutputError as exc:
            self.failed += [OutputError(exc.problem, path=school.source.label) for school in pending]
            return [], {}

    def publish(self, school: _RenderedSchool, pdfs: dict[str, bytes | None]) -> None:
        """Add the PDF and the manifest, then write the school's set all at once."""
        source, folder, files = school.source, school.folder, school.files
        if self.pdf_skipped is None:
            converted = pdfs.get(folder.name)
            if converted is None and pdfs:
                self.failed.append(OutputError("LibreOffice could not convert policy.docx to PDF (no PDF produced); "
                                               "run again with --no-pdf to make the other files without it",
                                               path=source.label))
                return
            if converted is not None:
                files[OUTPUT_POLICY_PDF] = converted
        manifest = finish_outputs(
            files, school.built.document, source.profile, self.template_set, None, timestamp=self.timestamp,
            profile_name=source.file_name, profile_hash=source.sha256, staff_hash=None,
            pdf_skipped=self.pdf_skipped, profile_extra={"row": source.row} if source.row is not None else None,
        )
        self.step(f"writing {display_path(folder)} ({len(self.results) + 1} written)")
        try:
            written = publish_folder(folder, files)
        except ToolkitError as exc:
            self.failed.append(exc)
            return
        self.results.append(GenerationResult(
            folder=folder, outputs=dict(zip(files, written)), document=school.built.document,
            references=school.built.references, profile=source.profile, template=self.template_set, staff_count=0,
            pdf_skipped=self.pdf_skipped, manifest=manifest,
        ))


def _render_files(profile: SchoolProfile, template_set: TemplateSet, *, include_model: bool,
                  timestamp: dt.datetime) -> tuple[dict[str, bytes], BuiltDocument]:
    """A school's files before the PDF and the manifest (which hashes the PDF), as ``build_outputs`` makes them."""
    files, built, _, _ = build_outputs(profile, template_set, None, timestamp=timestamp, profile_name="",
                                       profile_hash="", pdf=False, include_model=include_model)
    del files[OUTPUT_MANIFEST]  # rebuilt by finish_outputs once the PDF is in
    return files, built


def _in_folder(error: TemplateError, folder: Path) -> TemplateError:
    """The error naming the template by its path (``my-templates/policy.md.jinja``), not
    the bare name Jinja knows it by, so the user can open the file it means."""
    if error.path and not Path(error.path).is_absolute() and (folder / error.path).is_file():
        return type(error)(error.problem, path=display_path(folder / error.path))
    return error


def model_profile(**overrides: Any) -> SchoolProfile:
    """A placeholder profile with every option at its default: the trust's model policy.

    Rendering the templates with it gives the model that a school's generated
    policy can be diffed against to show its local variations.
    """
    data: dict[str, Any] = {
        "school_name": "[School name]",
        "school_type": "primary",
        "headteacher": "[Headteacher]",
        "designated_safeguarding_lead": "[Designated safeguarding lead]",
        "deputy_safeguarding_lead": "[Deputy designated safeguarding lead]",
        "data_protection_officer": "[Data protection officer]",
        "chair_of_governors": "[Chair of governors]",
        "approving_body": "full governing board",
        "approval_date": dt.date(2025, 9, 1),
        "review_cycle_years": 1,
        "version": "1.0",
        "pupil_age_range": "4-11",
    }
    data.update(overrides)
    return parse_profile(data, path="model profile")


def model_docx(template_set: TemplateSet | None = None, timestamp: dt.datetime | None = None) -> bytes:
    """The model policy (placeholder names, default options) as a Word file.

    ``policykit diff model.docx policy.docx`` then lists exactly what a school's
    policy changes from the model: its names and dates, and the options it chose.
    """
    template_set = template_set or load_template_set()
    profile = model_profile()
    built = render_policy(profile, template_set)
    return policy_docx(built.document, profile, template_set, resolve_timestamp(timestamp), built.reference_spans)
