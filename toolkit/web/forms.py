"""The Generate form, and the library calls behind pages and downloads.

The form checks a profile with the same validator and the same messages as
``policykit generate`` (``toolkit.generate.profile``), so a head sees
"approval_date: 2024-02-30 is not a date" beside the field, as the CLI says it.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..diff import DiffOptions, align
from ..errors import ToolkitError
from ..generate import generate_policy
from ..generate.api import ALL_OUTPUTS
from ..generate.profile import (
    APPROVING_BODIES,
    FIELD_HELP,
    OPTION_HELP,
    SCHOOL_TYPES,
    TYPICAL_AGE_RANGES,
    SchoolProfile,
    _problem,
    profile_to_toml,
)
from ..generate.staff import MAX_STAFF_FILE_BYTES, load_staff
from ..model import Document, replace
from ..render import render_diff
from ..topics import TopicClassifier, builtin_catalogue
from ..trust import compare_policies, render
from .service import Library, _policy_type, policies_of
from .store import Workspace

MAX_STAFF_BYTES = MAX_STAFF_FILE_BYTES

# (name, label, kind, choices): the profile's fields in the order a head fills them in.
FORM: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("school_name", "School name", "text", ()),
    ("school_type", "Type of school", "select", SCHOOL_TYPES),
    ("trust", "Academy trust (leave empty if none)", "text", ()),
    ("headteacher", "Headteacher", "text", ()),
    ("designated_safeguarding_lead", "Designated safeguarding lead", "text", ()),
    ("deputy_safeguarding_lead", "Deputy designated safeguarding lead", "text", ()),
    ("data_protection_officer", "Data protection officer", "text", ()),
    ("chair_of_governors", "Chair of governors", "text", ()),
    ("approving_body", "Approved by", "select", APPROVING_BODIES),
    ("approval_date", "Date approved (YYYY-MM-DD)", "text", ()),
    ("review_cycle_years", "Years between reviews", "select", ("1", "2", "3")),
    ("version", "Version", "text", ()),
    ("pupil_age_range", "Pupil age range (e.g. 4-11)", "text", ()),
)
FIELD_NAMES = tuple(name for name, *_ in FORM)
HELP = FIELD_HELP
OPTIONS = tuple((name, text) for name, text in OPTION_HELP.items())

# What each option changes in the policy (from templates/social_media/policy.md.jinja).
OPTION_EFFECTS = {
    "official_accounts": "Adds the section on the school's official accounts (who may post and how). "
                         "Without it, the policy says the school runs none and staff must not make any in its name.",
    "personal_devices_at_break": "Lets staff use their own devices for personal social media at breaks, away from pupils. "
                                 "Without it, staff may not use them on the school site during the working day, breaks included.",
    "legislation_appendix": "Adds a closing section listing the legislation and guidance the policy refers to.",
}

OUTPUT_DESCRIPTIONS = {
    "policy.docx": "The policy in Word, with numbered clauses, cover table, header and page numbers",
    "policy.md": "The policy as Markdown (good for keeping versions)",
    "policy.html": "The policy as one web page, ready to print",
    "policy.pdf": "The policy as PDF (made with LibreOffice)",
    "declaration.docx": "A blank staff declaration to print and sign",
    "staff-declarations.docx": "One declaration page for each member of staff on your list",
    "signoff.xlsx": "A sign-off sheet to record who has signed",
    "manifest.json": "What was used to make these files (for your records)",
    "model.docx": "The model policy with default options",
}


def default_values() -> dict[str, str]:
    values = {name: "" for name in FIELD_NAMES}
    values.update(school_type="primary", approving_body="full governing board", review_cycle_years="1",
                  version="1.0", pupil_age_range=TYPICAL_AGE_RANGES["primary"])
    values.update({name: "on" for name, _ in OPTIONS if name != "all_pupils_under_13"})
    values["all_pupils_under_13"] = "auto"
    return values


def option_values(form) -> dict[str, str]:
    values = {name: ("on" if form.get(name) else "") for name, _ in OPTIONS if name != "all_pupils_under_13"}
    values["all_pupils_under_13"] = str(form.get("all_pupils_under_13", "auto"))
    values["pdf"] = "yes" if form.get("pdf") == "yes" else ""
    return values


def profile_data(values: dict[str, str], form) -> dict[str, Any]:
    """The form as the data a profile file would hold (what ``parse_profile`` is given)."""
    data: dict[str, Any] = {name: value for name, value in values.items() if value.strip() or name != "trust"}
    for name in FIELD_NAMES:
        if not values.get(name, "").strip() and name != "trust":
            data.pop(name, None)  # reported as "is required", as a missing line in a file is
    cycle = values.get("review_cycle_years", "").strip()
    if cycle:
        data["review_cycle_years"] = int(cycle) if cycle.isdigit() else cycle
    options: dict[str, bool] = {name: bool(form.get(name)) for name, _ in OPTIONS if name != "all_pupils_under_13"}
    under_13 = str(form.get("all_pupils_under_13", "auto"))
    if under_13 in ("yes", "no"):
        options["all_pupils_under_13"] = under_13 == "yes"
    data["options"] = options
    return data


def validate_profile(values: dict[str, str], form) -> tuple[SchoolProfile | None, dict[str, str]]:
    """The profile, or the CLI's message for each field that is wrong."""
    try:
        return SchoolProfile.model_validate(profile_data(values, form)), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            field = str(error["loc"][0]) if error["loc"] else "form"
            errors.setdefault(field if field in FIELD_NAMES else "form", _problem(error))
        return None, errors


def check_staff(data: bytes, filename: str) -> tuple[Any, str | None]:
    """The staff list, or its one-line error as the CLI gives it (naming the file the user chose)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "staff.csv"
        path.write_bytes(data)
        try:
            return load_staff(path), None
        except ToolkitError as exc:
            return None, f"{Path(filename).name}: {exc.problem}"


def generation_job(jobs_folder: Path, profile: SchoolProfile, staff_data: bytes | None, pdf: bool):
    """A background job writing the profile (and staff list) beside its outputs, then generating."""

    def run(progress) -> dict:
        folder = Path(tempfile.mkdtemp(prefix="job-", dir=_ensure(jobs_folder)))
        profile_path = folder / "profile.toml"
        profile_path.write_text(profile_to_toml(profile), encoding="utf-8")
        staff_path = None
        if staff_data is not None:
            staff_path = folder / "staff.csv"
            staff_path.write_bytes(staff_data)
        result = generate_policy(profile_path, staff_path, folder / "out", pdf=pdf, progress=progress)
        return {
            "folder": folder.name,
            "slug": result.folder.name,
            "outputs": [name for name in ALL_OUTPUTS if name in result.outputs],
            "school": result.profile.school_name,
            "pdf_skipped": result.pdf_skipped,
            "staff_count": result.staff_count,
        }

    return run


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def job_output(jobs_folder: Path, job, name: str) -> Path | None:
    """A job's output by its name, only from the list the job itself recorded."""
    if name not in ALL_OUTPUTS or name not in job.result.get("outputs", []):
        return None
    folder, slug = job.result.get("folder", ""), job.result.get("slug", "")
    if not folder.startswith("job-") or "/" in folder or "/" in slug or slug.startswith("."):
        return None
    path = jobs_folder / folder / "out" / slug / name
    return path if path.is_file() else None


def zip_outputs(jobs_folder: Path, job) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in job.result.get("outputs", []):
            path = job_output(jobs_folder, job, name)
            if path is not None:
                archive.writestr(f"{job.result['slug']}/{name}", path.read_bytes())
    return buffer.getvalue()


# -- topics, diffs and reports -----------------------------------------------------------------


def catalogue_for(document: Document) -> str | None:
    """The built-in topic catalogue for this kind of policy, when there is one."""
    from ..topics.catalogue import catalogue_for_type

    # The same choice as the register: the catalogue of the document's own type, never another's.
    return catalogue_for_type(_policy_type(document))


def topics_for(document: Document) -> dict | None:
    """Topics covered (with the clauses and evidence) and missing, for the policy page."""
    name = catalogue_for(document)
    if name is None:
        return None
    catalogue = builtin_catalogue(name)
    coverage = TopicClassifier(catalogue).classify(document)
    covered, missing = [], []
    for topic in catalogue.topics:
        item = coverage[topic.id]
        if item.covered:
            evidence = []
            for match in item.matches[:3]:
                evidence.append((match.reference, "; ".join(e.describe() for e in match.evidence[:2])))
            evidence += [("metadata", e.describe()) for e in item.document_evidence[:2]]
            covered.append((topic, evidence))
        else:
            missing.append(topic)
    return {"catalogue": catalogue.name, "covered": covered, "missing": missing}


def stale_citations_for(document: Document) -> list:
    """Citations of guidance superseded by the policy's own date, as `policykit check` judges them."""
    from ..citations import judge

    return [finding for finding in judge(document) if finding.stale]


def diff_documents(old: Document, new: Document):
    # Renumbering is folded: a clause that only moved number is not a change governors need to read.
    return align.diff_documents(old, new, DiffOptions(ignore_numbering=True, author="policykit"))


def render_diff_for_download(diff, fmt: str) -> bytes:
    data = render_diff(diff, fmt)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def trust_report(workspace: Workspace, library: Library, fmt: str, progress=None) -> bytes | None:
    """The trust report (coverage, review dates) over each school's current version of each policy."""
    documents = []
    policies = sorted(policies_of(workspace.documents()).items())
    for index, ((_, _), versions) in enumerate(policies, start=1):
        if progress is not None and (index == 1 or index % 10 == 0 or index == len(policies)):
            progress(f"reading policy {index} of {len(policies)}")
        current = versions[-1]
        document = library.read(current)
        name = f"{current.school} - {current.filename}".replace("/", "-").replace("\\", "-")
        documents.append(replace(document, source=name))
    if not documents:
        return None
    if progress is not None:
        progress(f"finding the topics each of {len(documents)} policies covers")
    report = compare_policies(documents, as_of=dt.date.today())
    if progress is not None:
        progress(f"writing the {fmt.upper()} report")
    data = render(report, fmt)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def report_job(jobs_folder: Path, workspace: Workspace, library: Library, fmt: str):
    """A background job writing the trust report, for registers too large to wait for."""

    def run(progress) -> dict:
        data = trust_report(workspace, library, fmt, progress)
        if data is None:
            raise ToolkitError("there are no policies in the workspace yet: upload some first")
        folder = Path(tempfile.mkdtemp(prefix="job-", dir=_ensure(jobs_folder)))
        (folder / f"trust-register.{fmt}").write_bytes(data)
        return {"folder": folder.name, "format": fmt, "file": f"trust-register.{fmt}"}

    return run


def report_output(jobs_folder: Path, job) -> Path | None:
    folder, name = job.result.get("folder", ""), job.result.get("file", "")
    if not folder.startswith("job-") or "/" in folder or name not in {f"trust-register.{f}" for f in REPORT_FORMATS}:
        return None
    path = jobs_folder / folder / name
    return path if path.is_file() else None


REPORT_FORMATS = ("xlsx", "html", "json")
