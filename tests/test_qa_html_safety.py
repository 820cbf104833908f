"""QA: every HTML output is one self-contained file that no document text can script.

Each HTML output (the diff report, the trust report and its per-school diff pages,
the generated policy.html) is made by the real CLI from inputs that carry script
and attribute-breaking markup in clause text, headings, titles, metadata, file
names and the school profile. The files are then parsed: no element or attribute
may have come from the data, nothing may load from outside, and the hostile text
must still be there, as text. Where chromium is installed each file is also
rendered headless with the network cut off.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import REPO
from toolkit.cli import main

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
EXTERNAL = 'https://evil.example/x.js <link rel="stylesheet" href="https://evil.example/a.css"> url(https://evil.example/i.png) @import "https://evil.example/b.css";'


def _hostile_policy(version: str, extra: str) -> str:
    return f"""{SCRIPT} Social Media Policy {BREAKOUT}
School: {BREAKOUT} Academy {SCRIPT}
Version: {version} {SCRIPT}
Approved by: Governors {BREAKOUT}
Next review: September 2024

1. Purpose {SCRIPT}
1.1 Staff must not post {SCRIPT} about pupils {BREAKOUT}. See {EXTERNAL}
1.2 A second clause that stays the same {BREAKOUT}.

2. Scope {BREAKOUT}
2.1 This applies to all staff{extra} {SCRIPT}.
2.2 <iframe src="https://evil.example/"></iframe> and <svg onload=alert(1)> and javascript:alert(1)
"""


# Markdown carries hostile text as entities and code (which read back as literal
# "<script>"), in YAML front matter, and as links to javascript: and remote images.
HOSTILE_MARKDOWN = """---
title: "<script>alert(1)</script> Policy"
school: "School <img src=x onerror=alert(1)>"
version: "VERSION"
---

# &lt;script&gt;alert(1)&lt;/script&gt; Social media

## 1. Purpose &quot;&gt;&lt;img src=x onerror=alert(1)&gt;

1.1 Staff must not post `<script>alert(1)</script>` or &lt;img src=x onerror=alert(1)&gt;.

1.2 A clause with [a link](javascript:alert(1)), ![an image](https://evil.example/i.png) and <https://evil.example/auto>.
"""


def _hostile_profile() -> str:
    profile = (REPO / "templates" / "samples" / "sample-profile.toml").read_text(encoding="utf-8")

    def toml(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    replacements = {
        "school_name": f"{SCRIPT} Oak {BREAKOUT} Academy",
        "trust": f"{SCRIPT} Trust",
        "headteacher": f"Ms {BREAKOUT}",
        "designated_safeguarding_lead": f"Mr {SCRIPT}",
        "version": f"2 {SCRIPT}",
        "chair_of_governors": EXTERNAL[:80],
    }
    for key, value in replacements.items():
        profile, count = re.subn(rf"^{key} = .*$", f"{key} = {toml(value)}", profile, flags=re.M)
        assert count == 1, key
    return profile


@pytest.fixture(scope="module")
def html_outputs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    inputs = root / "in"
    inputs.mkdir()
    old = inputs / "old.txt"
    new = inputs / f"{BREAKOUT.replace('/', '')}.txt"  # the file name is data too (trust report rows and links)
    old.write_text(_hostile_policy("1.0", ""), encoding="utf-8")
    new.write_text(_hostile_policy("2.0", " and volunteers"), encoding="utf-8")
    profile = root / "school.toml"
    profile.write_text(_hostile_profile(), encoding="utf-8")
    staff = root / "staff.csv"
    staff.write_text(f'name,role,email\n"{SCRIPT.replace(chr(34), "")}","{BREAKOUT.replace(chr(34), "")}",a@example.org\n',
                     encoding="utf-8")
    old_md, new_md = inputs / "old-md.md", root / "new-md.md"
    old_md.write_text(HOSTILE_MARKDOWN.replace("VERSION", "1.0"), encoding="utf-8")
    new_md.write_text(HOSTILE_MARKDOWN.replace("VERSION", "2.0").replace("A clause", "A changed clause"), encoding="utf-8")
    out = root / "out"
    runner = CliRunner()
    runs = [
        ["diff", str(old), str(new), "-o", str(out / "diff.html")],
        ["diff", str(old_md), str(new_md), "-o", str(out / "diff-md.html")],
        ["compare", str(inputs), "--baseline", str(old), "-o", str(out / "trust.html"), "--no-cache"],
        ["generate", "-p", str(profile), "--staff", str(staff), "-o", str(out / "generated"), "--no-pdf",
         "--timestamp", "2025-01-01T00:00:00"],
    ]
    for argv in runs:
        result = runner.invoke(main, argv)
        assert result.exit_code in (0, 1), (argv, result.output, result.exc_info)
    found = {str(path.relative_to(out)): path for path in sorted(out.rglob("*.html"))}
    # diff.html, trust.html, one diff page per school under trust-diffs/, the generated policy.html
    assert "diff.html" in found and "diff-md.html" in found and "trust.html" in found
    # The model is never compared with itself, nor with a document of another policy type.
    assert len([name for name in found if name.startswith("trust-diffs/")]) == 1, sorted(found)
    assert len([name for name in found if name.endswith("/policy.html")]) == 1, sorted(found)
    return found


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag in ("script", "style"):
            self._inside = tag

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        if self._inside == "script":
            self.scripts.append(data)
        elif self._inside == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


# Elements a report of ours never needs and an injection would use.
FORBIDDEN_ELEMENTS = {"img", "iframe", "object", "embed", "link", "base", "svg", "math", "form", "audio", "video",
                      "source", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"src", "href", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # any scheme (http, javascript, data) or protocol-relative


@pytest.mark.parametrize("name", ["diff.html", "diff-md.html", "trust.html", "trust-diffs", "policy.html"])
def test_hostile_text_stays_text(html_outputs, name):
    paths = [path for key, path in html_outputs.items() if key == name or key.startswith(name + "/") or key.endswith("/" + name)]
    assert paths, name
    for path in paths:
        page = path.read_text(encoding="utf-8")
        parser = _Collector()
        parser.feed(page)
        parser.close()
        tags = [tag for tag, _ in parser.elements]
        assert not FORBIDDEN_ELEMENTS & set(tags), (path, FORBIDDEN_ELEMENTS & set(tags))
        assert tags.count("script") <= 1, path  # at most our own inline script
        for tag, attrs in parser.elements:
            for attribute, value in attrs:
                assert not attribute.startswith("on"), (path, tag, attribute, value)
                if attribute in URL_ATTRIBUTES and value:
                    assert not REMOTE.match(value), (path, tag, attribute, value)
                    if attribute == "href" and not value.startswith("#"):
                        # the only other links: the trust report to its own diff pages, beside it
                        assert path.name == "trust.html" and re.fullmatch(r"trust-diffs/[\w.-]+\.html", value), value
                if attribute == "style":
                    assert "url(" not in (value or "") and "expression(" not in (value or ""), (path, tag, value)
                if tag == "meta":
                    assert (attribute, (value or "").lower()) != ("http-equiv", "refresh"), path
            if tag == "script":
                assert not any(attribute == "src" for attribute, _ in attrs), path
        for script in parser.scripts:
            assert "alert" not in script and "evil.example" not in script, path
        for style in parser.styles:
            assert "url(" not in style and "@import" not in style, path
        text = "".join(parser.text)
        # The hostile strings are still there, shown as text: escaping, not deletion.
        assert SCRIPT in text, path
        if name in ("diff.html", "trust-diffs"):  # the pages that quote clause text
            assert "https://evil.example/x.js" in text and BREAKOUT in text, path
        if name == "trust.html":
            assert BREAKOUT in text, path  # the hostile file name, as a row label


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.parametrize("key", ["diff.html", "trust.html", "policy.html"])
def test_renders_offline_in_chromium(html_outputs, key, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed")
    path = next(path for name, path in html_outputs.items() if name == key or name.endswith("/" + key))
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        # the network is cut off: anything the page tried to load would fail, never leave the machine
        "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-bypass-list=<-loopback>",
        "--virtual-time-budget=2000", "--dump-dom", path.as_uri(),
    ]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not finish in time on this machine")
    assert completed.returncode == 0, completed.stderr[-2000:]
    dom = completed.stdout
    assert "<body" in dom and len(dom) > 1000, dom[:500]
    parser = _Collector()
    parser.feed(dom)
    tags = {tag for tag, _ in parser.elements}
    assert not FORBIDDEN_ELEMENTS & tags, FORBIDDEN_ELEMENTS & tags
    assert SCRIPT in "".join(parser.text)  # rendered as words on the page
