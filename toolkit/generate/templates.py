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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..dates import uk_long_date
from ..errors import TemplateError

TEMPLATE_FAMILY = "social_media"
_REQUIRED_KEYS = ("name", "version", "title", "policy", "declaration")


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
    manifest = root / "template.toml"
    if not manifest.is_file():
        raise TemplateError("no template.toml in this folder (it names the set, its version and its files)", path=root)
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(f"not valid TOML: {exc}", path=manifest) from None
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
    """A FileSystemLoader whose errors are ours."""

    def get_source(self, environment, template):
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"template {template!r} not found in {self.searchpath[0]}") from None
        except UnicodeDecodeError:
            raise TemplateError("not UTF-8 text", path=template) from None


def make_environment(template_set: TemplateSet) -> jinja2.Environment:
    environment_class = SandboxedEnvironment if template_set.sandboxed else jinja2.Environment
    environment = environment_class(
        loader=_FileLoader(str(template_set.folder), encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; HTML escaping happens when HTML is rendered
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["uk_date"] = uk_date_filter
    return environment


def _first_use(ast: nodes.Template, name: str) -> int | None:
    for node in ast.find_all(nodes.Name):
        if node.name == name and node.ctx == "load":
            return node.lineno
    return None


def check_template(environment: jinja2.Environment, name: str, known: set[str], _seen: set[str] | None = None) -> None:
    """Parse ``name`` (and what it includes) and refuse any variable not in ``known``."""
    seen = _seen if _seen is not None else set()
    if name in seen:
        return
    seen.add(name)
    source, _filename, _ = environment.loader.get_source(environment, name)
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
            return self.template.render(**context)
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
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
            where, line = _template_line(exc, set(self.names))
            raise TemplateError(_located(line, f"{type(exc).__name__}: {exc}"), path=where or self.name) from None


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
        source, _, _ = environment.loader.get_source(environment, current)
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
    source, _, _ = environment.loader.get_source(environment, name)
    ast = environment.parse(source, name)
    lines: dict[str, int] = {}
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "ref" and call.args:
            argument = call.args[0]
            if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
                lines.setdefault(argument.value, call.lineno)
    return lines
