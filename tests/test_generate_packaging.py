"""The shipped templates reach an installed policykit (a non-editable ``pip install .``).

Building a wheel here would be slow and need the network, so this checks the
configuration that does it: pyproject maps the package toolkit._templates to the
repository's templates/ folder, and its package-data patterns match every
template file. (Checked by hand too: a throwaway venv, ``pip install .``,
``policykit generate`` from /tmp.)"""

from __future__ import annotations

import fnmatch
import tomllib

from conftest import REPO

from toolkit.generate.templates import builtin_templates_root, load_template_set


def test_pyproject_ships_every_template_file():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["toolkit._templates"] == "templates"
    assert (REPO / "toolkit" / "_templates" / "__init__.py").is_file()  # so packages.find lists the package
    patterns = config["package-data"]["toolkit._templates"]
    files = [p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*")
             if p.is_file() and p.parent != REPO / "templates" and "__pycache__" not in p.parts]
    assert files
    unshipped = [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]
    assert unshipped == []


def test_checkout_finds_the_templates_at_the_top_of_the_repository():
    assert builtin_templates_root() == REPO / "templates"
    assert load_template_set().name == "social_media"
