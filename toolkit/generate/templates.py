"""Template sets and their Jinja rendering: strict, statically checked, sandboxed for user folders.

A template set is a folder with ``template.toml`` and Jinja templates written in
Markdown::

    name = "social_media"
    version = "1.0.0"
    title = "Staff Social Media Policy"
    policy = "policy.md.jinja"
    declaration = "declaration.md.jinja"

Three guards stop a broken template from quietly producing a broken policy:

* before rendering, every variable a template (or anything it includes) uses
  is checked against the names we provide; an unknown one is a
  ``TemplateError`` naming the template and line, never a blank;
* ``StrictUndefined`` turns a missing attribute (``school.nmae``) into the
  same kind of error at render time;
* folders given with ``--templates`` are not ours, so they render in Jinja's
  ``SandboxedEnvironment``: ``{{ ''.__class__.__mro__ }}`` and friends stop
  with a TemplateError instead of reaching Python internals.

A user folder is also fenced in: every file in it must be a regular file (or a
symlink resolving to one) inside the folder, at most ``MAX_TEMPLATE_BYTES``;
rendering may take at most ``RENDER_SECONDS`` and produce at most
``MAX_OUTPUT_CHARS``; a string or list may not be repeated past that size, nor
a number raised past ``MAX_POWER_BITS`` bits; includes nest at most
``MAX_INCLUDE_DEPTH`` deep; and on Linux the render runs under an address-space
limit ``RENDER_MEMORY_BYTES`` above what the process already uses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import resource
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError, safe_range

from ..dates import uk_long_date
from ..errors import TemplateError

TEMPLATE_FAMILY = "social_media"
_REQUIRED_KEYS = ("name", "version", "title", "policy", "declaration")

MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_OUTPUT_CHARS = 5_000_000
MAX_POWER_BITS = 4096
MAX_INCLUDE_DEPTH = 20
RENDER_SECONDS = 5.0
RENDER_MEMORY_BYTES = 512 * 1024 * 1024


def builtin_templates_root() -> Path:
    """Where the shipped templates are: ``toolkit/_templates`` in an installed package
    (pyproject maps the repository's ``templates/`` there), else ``templates/`` in a checkout."""
    package_dir = Path(__file__).resolve().parents[1]
    installed = package_dir / "_templates"
    if (installed / TEMPLATE_FAMILY / "template.toml").is_file():
        return installed
    checkout = package_dir.parent / "templates"
    if (checkout / TEMPLATE_FAMILY / "template.toml").is_file():
        return checkout
    raise TemplateError(f"the built-in templates are missing (looked in {installed} and {checkout})")


def builtin_samples_dir() -> Path:
    return builtin_templates_root() / "samples"


@dataclass(frozen=True, slots=True)
class TemplateSet:
    name: str
    version: str
    title: str
    folder: Path
    policy: str
    declaration: str
    sandboxed: bool  # True for user folders (--templates)

    @property
    def source(self) -> str:
        return "user" if self.sandboxed else "built-in"

    def files_sha256(self) -> str:
        """One hash over every file of the set, so a manifest pins the exact templates used."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(self.folder).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
        return digest.hexdigest()


def load_template_set(folder: str | Path | None = None, family: str = TEMPLATE_FAMILY) -> TemplateSet:
    """The built-in set for ``family``, or a user folder (which then renders sandboxed).

    A user folder may be the set itself (holding ``template.toml``) or hold it in ``<family>/``.
    """
    sandboxed = folder is not None
    if folder is None:
        root = builtin_templates_root() / family
    else:
        root = Path(folder)
        if not root.is_dir():
            raise TemplateError("no such template folder", path=root)
        if not (root / "template.toml").is_file() and (root / family / "template.toml").is_file():
            root = root / family
    if sandboxed:
        _check_fence(root)
    manifest = root / "template.toml"
    if not manifest.is_file():
        raise TemplateError("no template.toml in this folder (it names the set, its version and its files)", path=root)
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(f"not valid TOML: {exc}", path=manifest) from None
    except RecursionError:
        raise TemplateError("not valid: its values nest too deeply to read", path=manifest) from None
    missing = [key for key in _REQUIRED_KEYS if not isinstance(data.get(key), str) or not data[key].strip()]
    if missing:
        raise TemplateError("missing " + ", ".join(missing), path=manifest)
    for key in ("policy", "declaration"):
        if not (root / data[key]).is_file():
            raise TemplateError(f"{key} template {data[key]!r} does not exist", path=manifest)
    return TemplateSet(
        name=data["name"].strip(),
        version=data["version"].strip(),
        title=data["title"].strip(),
        folder=root,
        policy=data["policy"],
        declaration=data["declaration"],
        sandboxed=sandboxed,
    )


def _check_fence(root: Path) -> None:
    """Refuse a user template folder holding anything that leads outside it: a symlink
    to a file elsewhere would put that file's contents into the policy."""
    top = root.resolve()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            target = path.resolve()
            if target != top and top not in target.parents:
                raise TemplateError("links outside the template folder: refusing it (copy the file in instead)",
                                    path=path)
            if name in files and not target.is_file():
                raise TemplateError("not a regular file: refusing it", path=path)


def uk_date_filter(value: Any) -> str:
    """``{{ school.approval_date | uk_date }}`` -> "21 March 2024"."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return uk_long_date(value)
    if isinstance(value, str):
        try:
            return uk_long_date(dt.date.fromisoformat(value))
        except ValueError:
            pass
    raise TemplateError(f"uk_date needs a date, not {value!r}")


class _FileLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose errors are ours, and that reads nothing outside its folder."""

    def get_source(self, environment, template):
        folder = Path(self.searchpath[0]).resolve()
        candidate = (folder / template).resolve()
        if folder not in candidate.parents:
            raise TemplateError("refusing a template outside the template folder", path=template)
        if candidate.is_file() and candidate.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"larger than {MAX_TEMPLATE_BYTES:,} bytes (the limit for a template)", path=template)
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"template {template!r} not found in {self.searchpath[0]}") from None
        except UnicodeDecodeError:
            raise TemplateError("not UTF-8 text", path=template) from None


class _Deadline:
    """The time budget of one render, checked wherever a template can spin."""

    def __init__(self) -> None:
        self.ends = float("inf")

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise TemplateError(f"rendering took longer than {RENDER_SECONDS:g} seconds (the limit for a template)")


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox with size and time limits: ``'x' * 10**10``, ``9 ** 9 ** 9`` and
    ``range`` loops nested a thousand times over stop with a TemplateError."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = _Deadline()
        self.globals["range"] = self._range

    def _range(self, *args: Any) -> Any:
        numbers = safe_range(*args)  # Jinja's own cap (100,000 items); the deadline bounds nesting
        for index, number in enumerate(numbers):
            if index % 1024 == 0:
                self.deadline.check()
            yield number

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.deadline.check()
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                    if len(sequence) * times > MAX_OUTPUT_CHARS:
                        raise TemplateError(f"repeating a value {times:,} times is too large "
                                            f"(the limit is {MAX_OUTPUT_CHARS:,} items)")
        if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(left) > 1 and right > 0 and right * int(max(abs(left), 2)).bit_length() > MAX_POWER_BITS:
                raise TemplateError(f"{left} ** {right} is too large (the limit is {MAX_POWER_BITS} bits)")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        __self.deadline.check()
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT_CHARS:
                raise TemplateError(f"argument {value:,} is too large (the limit is {MAX_OUTPUT_CHARS:,})")
        return super().call(__context, __obj, *args, **kwargs)


def _bounded_filter(function: Any) -> Any:
    """A filter refusing numeric arguments past the output limit (``'x' | center(10**9)``)."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT_CHARS:
                raise TemplateError(f"argument {value:,} is too large (the limit is {MAX_OUTPUT_CHARS:,})")
        return function(*args, **kwargs)

    for marker in ("jinja_pass_arg",):
        if hasattr(function, marker):
            setattr(bounded, marker, getattr(function, marker))
    return bounded


def make_environment(template_set: TemplateSet) -> jinja2.Environment:
    environment_class = _BoundedSandbox if template_set.sandboxed else jinja2.Environment
    environment = environment_class(
        loader=_FileLoader(str(template_set.folder), encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; HTML escaping happens when HTML is rendered
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["uk_date"] = uk_date_filter
    if template_set.sandboxed:
        for name, function in list(environment.filters.items()):
            environment.filters[name] = _bounded_filter(function)
    return environment


def _first_use(ast: nodes.Template, name: str) -> int | None:
    for node in ast.find_all(nodes.Name):
        if node.name == name and node.ctx == "load":
            return node.lineno
    return None


def _source(environment: jinja2.Environment, name: str) -> str:
    """The text of template ``name``; every environment here is made with a loader."""
    loader = environment.loader
    assert loader is not None, "template environments are always built with a loader"
    return loader.get_source(environment, name)[0]


def check_template(environment: jinja2.Environment, name: str, known: set[str], _seen: set[str] | None = None) -> None:
    """Parse ``name`` (and what it includes) and refuse any variable not in ``known``."""
    seen = _seen if _seen is not None else set()
    if name in seen:
        return
    seen.add(name)
    source = _source(environment, name)
    try:
        ast = environment.parse(source, name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"line {exc.lineno}: {exc.message}", path=name) from None
    unknown = sorted(meta.find_undeclared_variables(ast) - known)
    if unknown:
        lines = {variable: _first_use(ast, variable) for variable in unknown}
        first = min(unknown, key=lambda variable: lines[variable] or 0)
        raise TemplateError(
            f"line {lines[first]}: unknown variable '{first}' (known: {', '.join(sorted(known))})", path=name
        )
    for referenced in meta.find_referenced_templates(ast):
        if referenced is not None:
            check_template(environment, referenced, known, seen)


def _template_line(exc: BaseException, template_names: set[str]) -> tuple[str | None, int | None]:
    """The template and line an exception was raised from, from Jinja's rewritten traceback."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        for name in template_names:
            if filename == name or filename.endswith("/" + name) or filename.endswith("\\" + name):
                found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


@dataclass(frozen=True)
class PreparedTemplate:
    """A template that passed the static check, ready to render many times (one per member of staff)."""

    environment: jinja2.Environment
    name: str
    template: jinja2.Template
    names: frozenset[str]  # it and everything it includes, to place errors

    def render(self, context: Mapping[str, Any]) -> str:
        try:
            with _render_limits(self.environment):
                return self._render(context)
        except TemplateError as exc:
            where, line = _template_line(exc, set(self.names))
            raise TemplateError(_located(line, exc.problem), path=where or self.name) from None
        except SecurityError as exc:
            where, line = _template_line(exc, set(self.names))
            raise TemplateError(_located(line, f"blocked by the template sandbox: {exc}"),
                                path=where or self.name) from None
        except jinja2.UndefinedError as exc:
            where, line = _template_line(exc, set(self.names))
            raise TemplateError(_located(line, f"undefined value: {exc.message}"), path=where or self.name) from None
        except jinja2.TemplateError as exc:
            where, line = _template_line(exc, set(self.names))
            raise TemplateError(_located(line, str(exc)), path=where or self.name) from None
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError) as exc:
            where, line = _template_line(exc, set(self.names))
            raise TemplateError(_located(line, f"{type(exc).__name__}: {exc}"), path=where or self.name) from None
        except RecursionError:
            raise TemplateError("includes or macros call themselves without end (recursion too deep)",
                                path=self.name) from None
        except MemoryError:
            raise TemplateError(f"rendering needs more than {RENDER_MEMORY_BYTES // 2**20:,} MB of memory "
                                "(the limit for a template)", path=self.name) from None

    def _render(self, context: Mapping[str, Any]) -> str:
        if not isinstance(self.environment, _BoundedSandbox):
            return self.template.render(**context)
        pieces: list[str] = []
        size = 0
        for piece in self.template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateError(f"the output passes {MAX_OUTPUT_CHARS:,} characters (the limit for a template)")
            self.environment.deadline.check()
            pieces.append(piece)
        return "".join(pieces)


class _render_limits:  # noqa: N801 - used as a context manager
    """The time budget, and on Linux an address-space limit, around one sandboxed render."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self.environment = environment
        self.saved: tuple[int, int] | None = None

    def __enter__(self) -> None:
        if not isinstance(self.environment, _BoundedSandbox):
            return
        self.environment.deadline.ends = time.monotonic() + RENDER_SECONDS
        try:
            with open("/proc/self/statm") as handle:
                in_use = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            wanted = in_use + RENDER_MEMORY_BYTES
            if (soft == resource.RLIM_INFINITY or soft > wanted) and (hard == resource.RLIM_INFINITY or hard >= wanted):
                resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
                self.saved = (soft, hard)
        except (OSError, ValueError):
            pass  # not Linux: the time and size limits still hold

    def __exit__(self, *exc_info: Any) -> None:
        if isinstance(self.environment, _BoundedSandbox):
            self.environment.deadline.ends = float("inf")
        if self.saved is not None:
            resource.setrlimit(resource.RLIMIT_AS, self.saved)


def prepare_template(environment: jinja2.Environment, name: str, known: set[str]) -> PreparedTemplate:
    """Check ``name`` against the variables we provide, then compile it."""
    check_template(environment, name, known)
    try:
        template = environment.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"line {exc.lineno}: {exc.message}", path=name) from None
    return PreparedTemplate(environment, name, template, frozenset({name} | _referenced_closure(environment, name)))


def render_template(
    environment: jinja2.Environment,
    name: str,
    context: Mapping[str, Any],
    *,
    extra_known: tuple[str, ...] = (),
) -> str:
    """Check, then render ``name`` strictly; every failure is a TemplateError naming template and line."""
    return prepare_template(environment, name, set(context) | set(extra_known)).render(context)


def _located(line: int | None, problem: str) -> str:
    return f"line {line}: {problem}" if line else problem


def _referenced_closure(environment: jinja2.Environment, name: str) -> set[str]:
    found: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        source = _source(environment, current)
        try:
            ast = environment.parse(source, current)
        except jinja2.TemplateSyntaxError:
            continue
        for referenced in meta.find_referenced_templates(ast):
            if referenced and referenced not in found:
                found.add(referenced)
                pending.append(referenced)
    return found


def ref_calls(environment: jinja2.Environment, name: str) -> dict[str, int]:
    """label -> first line of ``ref('label')`` in a template, to place unknown-label errors."""
    source = _source(environment, name)
    ast = environment.parse(source, name)
    lines: dict[str, int] = {}
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "ref" and call.args:
            argument = call.args[0]
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
                lines.setdefault(argument.value, call.lineno)
    return lines
