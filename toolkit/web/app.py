"""``policykit serve``: the ASGI app (Starlette, Jinja2 templates, a little JavaScript).

Safety, all in this module: every POST carries the CSRF token (double submit:
a cookie and a form field or header that must match); an access token, when
set, is asked for once and kept in a cookie; the Host header must name this
server (no DNS rebinding); every response forbids inline and foreign script;
documents are addressed by database id and stored by hash, so nothing in a
request ever becomes a file path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import itertools
import re
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import ToolkitError
from ..readers import supported_extensions
from ..render.controls import visible_controls
from . import forms
from .service import (
    Fold,
    Library,
    Workers,
    build_register,
    diff_rows,
    is_overdue,
    kind_label,
    outline,
    policy_key,
    policy_label,
    policy_type_label,
    version_notes,
    versions_of,
)
from .store import Workspace

HERE = Path(__file__).resolve().parent
CSRF_COOKIE = "policykit_csrf"
AUTH_COOKIE = "policykit_auth"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'"
)


@dataclass(frozen=True)
class ServeConfig:
    """How the app runs; every field has a default."""

    data_dir: Path
    token: str | None = None  # an access password; required when serving beyond this machine
    max_file_bytes: int = 50 * 1024 * 1024
    max_files: int = 100
    threads: int = 2
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    secure_cookies: bool = False

    def __post_init__(self) -> None:
        if self.max_file_bytes < 1 or self.max_files < 1 or self.threads < 1:
            raise ValueError("limits must be positive")


def safe_filename(name: str, fallback: str = "download") -> str:
    """A file name that is safe in a Content-Disposition header and on any file system."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._ -]+", "-", ascii_stem).strip(" .-")[:100] or fallback
    ascii_ext = re.sub(r"[^A-Za-z0-9]+", "", ext)[:10]
    return f"{ascii_stem}.{ascii_ext}" if ascii_ext else ascii_stem


def attachment(data: bytes | str, name: str, media_type: str) -> Response:
    safe = safe_filename(name)
    disposition = f"attachment; filename=\"{safe}\"; filename*=UTF-8''{quote(safe)}"
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


STATIC_FILES = {path.name: path.read_bytes() for path in (HERE / "static").iterdir() if path.suffix in (".js", ".css")}
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".zip": "application/zip",
}


class SecurityMiddleware(BaseHTTPMiddleware):
    """Headers on every response, the CSRF cookie, and the access token when one is set."""

    def __init__(self, app, config: ServeConfig) -> None:
        super().__init__(app)
        self.config = config

    async def dispatch(self, request: Request, call_next) -> Response:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        fresh = not re.fullmatch(r"[A-Za-z0-9_-]{32,64}", cookie)
        request.state.csrf = secrets.token_urlsafe(32) if fresh else cookie
        path = request.url.path
        if (self.config.token and not path.startswith(("/static/", "/login"))
                and not hmac.compare_digest(request.cookies.get(AUTH_COOKIE, ""), auth_value(self.config.token))):
            if path.startswith("/api/") or request.method != "GET":
                response: Response = JSONResponse({"error": "sign in first"}, status_code=401)
            else:
                response = RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        else:
            response = await call_next(request)
        if fresh:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict",
                                secure=self.config.secure_cookies, path="/")
        headers = response.headers
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "no-referrer"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers.setdefault("Cache-Control", "no-store")
        return response


def auth_value(token: str) -> str:
    return hmac.new(token.encode(), b"policykit-auth", hashlib.sha256).hexdigest()


async def check_csrf(request: Request, form=None) -> None:
    """Refuse a POST whose token (form field or header) does not match its cookie."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER) or (str(form.get(CSRF_FIELD, "")) if form is not None else "")
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise HTTPException(403, "This form has expired or did not come from this app (missing security token). "
                                 "Reload the page and try again.")


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _format_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
        return f"{day.day} {day:%B %Y}"  # not %-d, which Windows lacks
    except ValueError:
        return iso


class App:
    """The routes, with the workspace, the parsed-document cache and the worker pool they share."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.workspace = Workspace(config.data_dir)
        self.library = Library(self.workspace)
        self.workers = Workers(self.workspace, self.library, threads=config.threads)
        self.extensions = tuple(supported_extensions())
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            finalize=visible_controls,  # a bidi override in a document never reorders the page
        )
        self.env.filters["date"] = _format_date
        self.env.globals.update(policy_type_label=policy_type_label, kind_label=kind_label, is_overdue=is_overdue,
                                isinstance=isinstance, Fold=Fold, options=forms.OPTIONS,
                                form_help=lambda name: forms.HELP.get(name, ""),
                                option_effects=forms.OPTION_EFFECTS)

    # -- helpers ------------------------------------------------------------------------------

    def page(self, request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
        context.setdefault("title", "policykit")
        html = self.env.get_template(name).render(
            request=request, csrf=request.state.csrf, csrf_field=CSRF_FIELD, nav=request.url.path, **context)
        return HTMLResponse(html, status_code=status_code)

    def stored_or_404(self, value):
        stored = self.workspace.document(_int(value, -1))
        if stored is None:
            raise HTTPException(404, "No such document in this workspace.")
        return stored

    def read_or_error(self, stored):
        if stored.status != "done":
            raise HTTPException(409, f"{stored.filename} is not ready: "
                                     f"{stored.error or 'it is still being read; try again in a moment'}")
        return self.library.read(stored)

    # -- pages ----------------------------------------------------------------------------------

    async def dashboard(self, request: Request) -> Response:
        params = request.query_params
        school_id = _int(params.get("school"))
        state = params.get("state") or None
        query = (params.get("q") or "").strip() or None
        register = await run_in_threadpool(build_register, self.workspace, school_id=school_id, state=state,
                                           query=query)
        return self.page(request, "dashboard.html", title="Trust dashboard", register=register,
                         school_id=school_id, state=state or "", query=query or "")

    async def upload_page(self, request: Request) -> Response:
        return self.page(request, "upload.html", title="Upload policies", schools=self.workspace.schools(),
                         extensions=", ".join(self.extensions), limits=self.limits_text(), errors=[],
                         chosen=_int(request.query_params.get("school")))

    def limits_text(self) -> str:
        megabytes = self.config.max_file_bytes / (1024 * 1024)
        return f"up to {self.config.max_files} files at a time, each up to {megabytes:g} MB"

    async def upload(self, request: Request) -> Response:
        wants_json = "application/json" in request.headers.get("accept", "")
        limit = self.config.max_files * self.config.max_file_bytes + 1024 * 1024
        length = _int(request.headers.get("content-length"), 0)
        if length > limit:
            return self.upload_refused(request, wants_json, 413, f"This upload is too large; send {self.limits_text()}.")
        try:
            form = await request.form(max_files=self.config.max_files, max_fields=20)
        except HTTPException as exc:
            if "Too many files" in str(exc.detail):
                return self.upload_refused(request, wants_json, 413,
                                           f"Too many files in one upload; send {self.limits_text()}.")
            return self.upload_refused(request, wants_json, 400, f"The upload could not be read: {exc.detail}")
        try:
            await check_csrf(request, form)
            files = [item for item in form.getlist("files") if isinstance(item, UploadFile) and item.filename]
            school_name = " ".join(str(form.get("new_school", "")).split())
            school_id = _int(form.get("school"))
            problems = []
            if not files:
                problems.append("Choose at least one file to upload.")
            if school_name and len(school_name) > 200:
                problems.append("The school's name is too long (at most 200 characters).")
            school = None
            if not problems:
                if school_name:
                    school = self.workspace.school_named(school_name)
                elif school_id is not None:
                    school = self.workspace.school(school_id)
                if school is None:
                    problems.append("Choose the school these files belong to, or type the name of a new school.")
            if problems or school is None:
                return self.upload_refused(request, wants_json, 400, " ".join(problems))
            batch = uuid.uuid4().hex
            for item in files:
                await self.accept_file(item, school.id, batch)
        finally:
            await form.close()
        if wants_json:
            return JSONResponse({"batch": batch, "url": f"/batches/{batch}"})
        return RedirectResponse(f"/batches/{batch}", status_code=303)

    async def accept_file(self, item: UploadFile, school_id: int, batch: str) -> None:
        name = Path((item.filename or "").replace("\\", "/")).name[:200] or "unnamed"
        ext = Path(name).suffix.lower()
        size = item.size or 0
        error = None
        if size > self.config.max_file_bytes:
            error = (f"{name}: too large ({size / 1048576:.1f} MB); "
                     f"the limit is {self.config.max_file_bytes / 1048576:g} MB per file")
        elif ext not in self.extensions:
            error = f"{name}: policykit reads {', '.join(self.extensions)} files, not {ext or 'files without an extension'}"
        if error:
            self.workspace.add_document(school_id, batch, name, "0" * 64, ext or ".bin", size, status="error", error=error)
            return
        data = await item.read()
        sha256 = await run_in_threadpool(self.workspace.store_file, data, ext)
        document_id = self.workspace.add_document(school_id, batch, name, sha256, ext, len(data))
        self.workers.read(document_id)

    def upload_refused(self, request: Request, wants_json: bool, status: int, message: str) -> Response:
        if wants_json:
            return JSONResponse({"error": message}, status_code=status)
        return self.page(request, "upload.html", status_code=status, title="Upload policies",
                         schools=self.workspace.schools(), extensions=", ".join(self.extensions),
                         limits=self.limits_text(), errors=[message], chosen=None)

    def batch_data(self, batch: str) -> dict:
        documents = self.workspace.documents(batch=batch)
        notes = version_notes(self.workspace.documents(school_id=documents[0].school_id)) if documents else {}
        rows = []
        for stored in documents:
            summary = stored.summary
            rows.append({
                "id": stored.id, "filename": stored.filename, "status": stored.status, "error": stored.error,
                "title": stored.title, "type": kind_label(stored) if stored.status == "done" else None,
                "policy_type": stored.policy_type if stored.status == "done" else None,
                "approved": summary.get("approved"), "next_review": summary.get("next_review"),
                "overdue": is_overdue(summary) if stored.status == "done" else None,
                "url": f"/documents/{stored.id}" if stored.status == "done" else None,
                "school": stored.school, "kept_as": notes.get(stored.id),
            })
        done = sum(1 for row in rows if row["status"] in ("done", "error"))
        return {"batch": batch, "files": rows, "finished": done == len(rows), "done": done, "total": len(rows)}

    async def batch_page(self, request: Request) -> Response:
        batch = request.path_params["batch"]
        if not re.fullmatch(r"[0-9a-f]{32}", batch):
            raise HTTPException(404, "No such upload.")
        data = self.batch_data(batch)
        if not data["files"]:
            raise HTTPException(404, "No such upload.")
        return self.page(request, "batch.html", title="Reading your files", data=data)

    async def batch_api(self, request: Request) -> Response:
        batch = request.path_params["batch"]
        if not re.fullmatch(r"[0-9a-f]{32}", batch):
            raise HTTPException(404, "No such upload.")
        return JSONResponse(self.batch_data(batch))

    async def school_page(self, request: Request) -> Response:
        school = self.workspace.school(_int(request.path_params["id"], -1))
        if school is None:
            raise HTTPException(404, "No such school in this workspace.")
        documents = self.workspace.documents(school_id=school.id)
        return self.page(request, "school.html", title=school.name, school=school, documents=documents,
                         notes=version_notes(documents))

    async def document_page(self, request: Request) -> Response:
        stored = self.stored_or_404(request.path_params["id"])
        if stored.status != "done":
            return self.page(request, "pending.html", title=stored.filename, stored=stored)
        document = await run_in_threadpool(self.library.read, stored)
        versions = versions_of(self.workspace, stored)
        previous = None
        for earlier, later in itertools.pairwise(versions):
            if later.id == stored.id:
                previous = earlier
        key = policy_key(stored)
        model_id = _int(self.workspace.setting(f"model:{key}"))
        model = self.workspace.document(model_id) if model_id else None
        topics = await run_in_threadpool(forms.topics_for, document)
        stale = await run_in_threadpool(forms.stale_citations_for, document)
        return self.page(
            request, "document.html", title=stored.display_title, stored=stored, document=document,
            clauses=outline(document), versions=versions, previous=previous, model=model,
            policy=policy_label(key, [stored.display_title]), topics=topics,
            overdue=is_overdue(stored.summary), metadata=list(document.metadata.items()), stale=stale,
        )

    async def set_model(self, request: Request) -> Response:
        form = await request.form()
        await check_csrf(request, form)
        stored = self.stored_or_404(request.path_params["id"])
        key = policy_key(stored)
        if form.get("clear"):
            self.workspace.set_setting(f"model:{key}", None)
        else:
            self.workspace.set_setting(f"model:{key}", str(stored.id))
        return RedirectResponse(f"/documents/{stored.id}", status_code=303)

    async def remove(self, request: Request) -> Response:
        """Take a file out of the register and its policy's versions (the stored copy stays, by hash)."""
        form = await request.form()
        await check_csrf(request, form)
        stored = self.stored_or_404(request.path_params["id"])
        self.workspace.set_status(stored.id, "removed", error=stored.error, title=stored.title,
                                  policy_type=stored.policy_type, summary=stored.summary)
        return RedirectResponse(f"/schools/{stored.school_id}", status_code=303)

    async def download_original(self, request: Request) -> Response:
        stored = self.stored_or_404(request.path_params["id"])
        path = self.workspace.blob_path(stored.sha256, stored.ext)
        if not path.is_file():
            raise HTTPException(404, "This file was not stored (it was refused at upload).")
        data = await run_in_threadpool(path.read_bytes)
        return attachment(data, stored.filename, MEDIA_TYPES.get(stored.ext, "application/octet-stream"))

    def diff_for(self, request: Request):
        params = request.query_params
        old = self.stored_or_404(params.get("old"))
        new = self.stored_or_404(params.get("new"))
        return old, new, forms.diff_documents(self.read_or_error(old), self.read_or_error(new))

    async def compare_page(self, request: Request) -> Response:
        params = request.query_params
        documents = self.workspace.documents(status="done")
        if not params.get("old") or not params.get("new"):
            return self.page(request, "compare_choose.html", title="Compare two versions", documents=documents,
                             old=_int(params.get("old")), new=_int(params.get("new")))
        old, new, diff = await run_in_threadpool(self.diff_for, request)
        view = params.get("view") if params.get("view") in ("inline", "side") else "inline"
        return self.page(request, "compare.html", title="What changed", old=old, new=new, diff=diff,
                         rows=diff_rows(diff), view=view, counts=diff.summary.as_dict(), documents=documents)

    async def compare_download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        formats = {"docx": ("docx", ".docx"), "md": ("md", ".md"), "json": ("json", ".json"), "html": ("html", ".html")}
        if fmt not in formats:
            raise HTTPException(404, "Unknown format.")
        old, new, diff = await run_in_threadpool(self.diff_for, request)
        renderer, ext = formats[fmt]
        data = await run_in_threadpool(forms.render_diff_for_download, diff, renderer)
        name = f"changes {Path(old.filename).stem[:45]} to {Path(new.filename).stem[:45]}{ext}"
        return attachment(data, name, MEDIA_TYPES[ext])

    async def report_download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("xlsx", "html", "json"):
            raise HTTPException(404, "Unknown format.")
        data = await run_in_threadpool(forms.trust_report, self.workspace, self.library, fmt)
        if data is None:
            raise HTTPException(409, "There are no policies in the workspace yet: upload some first.")
        return attachment(data, f"trust-register-{dt.date.today().isoformat()}.{fmt}", MEDIA_TYPES[f".{fmt}"])

    async def report_start(self, request: Request) -> Response:
        """Start the trust report in the background (hundreds of policies take a while) and show its progress."""
        fmt = request.query_params.get("format", "")
        if fmt not in forms.REPORT_FORMATS:
            raise HTTPException(404, "Unknown report format.")
        job_id = self.workers.run_job("report", forms.report_job(self.workspace.jobs_folder, self.workspace,
                                                                 self.library, fmt))
        return RedirectResponse(f"/reports/jobs/{job_id}", status_code=303)

    async def report_job_page(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job"])
        if job.kind != "report":
            raise HTTPException(404, "No such report.")
        return self.page(request, "report_job.html", title="Trust report", job=job)

    async def report_job_file(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job"])
        path = forms.report_output(self.workspace.jobs_folder, job) if job.kind == "report" else None
        if job.status != "done" or path is None:
            raise HTTPException(404, "This report is not ready.")
        fmt = job.result["format"]
        return attachment(path.read_bytes(), f"trust-register-{dt.date.today().isoformat()}.{fmt}", MEDIA_TYPES[f".{fmt}"])

    async def generate_page(self, request: Request) -> Response:
        return self.page(request, "generate.html", title="Generate a policy", values=forms.default_values(),
                         errors={}, form=forms.FORM)

    async def generate(self, request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=50)
        try:
            await check_csrf(request, form)
            values = {name: str(form.get(name, "")) for name in forms.FIELD_NAMES}
            staff = form.get("staff")
            staff_data = None
            staff_name = ""
            if isinstance(staff, UploadFile) and staff.filename:
                staff_name = staff.filename
                staff_data = await staff.read(forms.MAX_STAFF_BYTES + 1)
            profile, errors = forms.validate_profile(values, form)
            if staff_data is not None:
                _, staff_error = await run_in_threadpool(forms.check_staff, staff_data, staff_name)
                if staff_error:
                    errors["staff"] = staff_error
            if errors or profile is None:
                return self.page(request, "generate.html", status_code=400, title="Generate a policy",
                                 values={**values, **forms.option_values(form)}, errors=errors, form=forms.FORM)
            make_pdf = form.get("pdf") == "yes"
        finally:
            await form.close()
        job_id = self.workers.run_job("generate", forms.generation_job(
            self.workspace.jobs_folder, profile, staff_data, make_pdf))
        return RedirectResponse(f"/generate/jobs/{job_id}", status_code=303)

    def job_or_404(self, job_id: str):
        job = self.workspace.job(job_id) if re.fullmatch(r"[0-9a-f]{32}", job_id) else None
        if job is None:
            raise HTTPException(404, "No such job.")
        return job

    async def job_page(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job"])
        return self.page(request, "job.html", title="Generating", job=job, descriptions=forms.OUTPUT_DESCRIPTIONS)

    async def job_api(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job"])
        return JSONResponse({"status": job.status, "progress": job.progress, "error": job.error,
                             "outputs": job.result.get("outputs", [])})

    async def job_file(self, request: Request) -> Response:
        job = self.job_or_404(request.path_params["job"])
        name = request.path_params["name"]
        if job.status != "done":
            raise HTTPException(409, "Not ready yet.")
        if name == "all.zip":
            data = await run_in_threadpool(forms.zip_outputs, self.workspace.jobs_folder, job)
            return attachment(data, f"{job.result['slug']}-policy.zip", MEDIA_TYPES[".zip"])
        path = forms.job_output(self.workspace.jobs_folder, job, name)
        if path is None:
            raise HTTPException(404, "No such file in this job.")
        return attachment(path.read_bytes(), f"{job.result['slug']}-{name}",
                          MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream"))

    async def static(self, request: Request) -> Response:
        """The app's own script and style sheet, by name from a fixed list (no path is ever looked up)."""
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            raise HTTPException(404, "Not found.")
        return Response(STATIC_FILES[name], media_type=STATIC_TYPES[Path(name).suffix],
                        headers={"Cache-Control": "no-cache"})

    async def login_page(self, request: Request) -> Response:
        return self.page(request, "login.html", title="Sign in", error=None,
                         next=request.query_params.get("next", "/"))

    async def login(self, request: Request) -> Response:
        form = await request.form()
        await check_csrf(request, form)
        target = str(form.get("next", "/"))
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        if not self.config.token or not hmac.compare_digest(str(form.get("password", "")), self.config.token):
            return self.page(request, "login.html", status_code=401, title="Sign in",
                             error="That password is not right.", next=target)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(AUTH_COOKIE, auth_value(self.config.token), httponly=True, samesite="strict",
                            secure=self.config.secure_cookies, path="/")
        return response

    async def error(self, request: Request, exc: Exception) -> Response:
        if isinstance(exc, ToolkitError):
            # A stored file that can no longer be read (say, removed from the data folder by hand).
            status, detail = 409, str(exc)
        else:
            status = getattr(exc, "status_code", 500)
            detail = getattr(exc, "detail", None) or ("Something went wrong inside policykit (a bug): "
                                                      f"{type(exc).__name__}")
        if request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"error": detail}, status_code=status)
        if not hasattr(request.state, "csrf"):
            request.state.csrf = ""
        return self.page(request, "error.html", status_code=status, title="Problem", status=status, detail=detail)

    def routes(self) -> list:
        return [
            Route("/", self.dashboard),
            Route("/upload", self.upload_page, methods=["GET"]),
            Route("/upload", self.upload, methods=["POST"]),
            Route("/batches/{batch}", self.batch_page),
            Route("/api/batches/{batch}", self.batch_api),
            Route("/schools/{id}", self.school_page),
            Route("/documents/{id}", self.document_page),
            Route("/documents/{id}/model", self.set_model, methods=["POST"]),
            Route("/documents/{id}/download", self.download_original),
            Route("/documents/{id}/remove", self.remove, methods=["POST"]),
            Route("/compare", self.compare_page),
            Route("/compare/download/{fmt}", self.compare_download),
            Route("/reports/register.{fmt}", self.report_download),
            Route("/reports/new", self.report_start),
            Route("/reports/jobs/{job}", self.report_job_page),
            Route("/reports/jobs/{job}/file", self.report_job_file),
            Route("/generate", self.generate_page, methods=["GET"]),
            Route("/generate", self.generate, methods=["POST"]),
            Route("/generate/jobs/{job}", self.job_page),
            Route("/api/jobs/{job}", self.job_api),
            Route("/generate/jobs/{job}/files/{name}", self.job_file),
            Route("/login", self.login_page, methods=["GET"]),
            Route("/login", self.login, methods=["POST"]),
            Route("/static/{name}", self.static),
        ]


def _lifespan(state: App):
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        yield
        state.workers.shutdown()

    return lifespan


def create_app(config: ServeConfig) -> Starlette:
    """The ASGI app for a workspace; files left waiting by a previous run are read again."""
    state = App(config)
    app = Starlette(
        routes=state.routes(),
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts)),
            Middleware(SecurityMiddleware, config=config),
        ],
        exception_handlers={HTTPException: state.error, ToolkitError: state.error, 500: state.error},
        lifespan=_lifespan(state),
    )
    app.state.policykit = state
    state.workers.resume()
    state.workers.refresh_stale()
    return app


__all__ = ["ServeConfig", "create_app", "safe_filename"]
