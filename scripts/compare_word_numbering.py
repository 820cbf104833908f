"""Compare the list numbers policykit draws for Word files with LibreOffice's.

LibreOffice's text export writes the list numbers it draws, so it is a second
opinion on Word's automatic numbering that shares no code with ours. For each
numbered paragraph we read, the LibreOffice line holding the same text is found
(in document order) and the label in front of it compared with ours.

    PYTHONPATH=. python scripts/compare_word_numbering.py ../shared/corpus/positive-progress-docx/*.docx
    PYTHONPATH=. python scripts/compare_word_numbering.py --show-differences FILE.docx

Needs ``soffice`` on the PATH; the files are converted in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from toolkit.ooxml.document import Paragraph, read_word
from toolkit.ooxml.package import WordPackage


def _libreoffice_lines(path: Path, folder: Path) -> list[str]:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=300,
    )
    text = (folder / f"{path.stem}.txt").read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.split("\n") if line.strip()]


def compare(path: Path, folder: Path, show: bool) -> tuple[int, int]:
    lines = _libreoffice_lines(path, folder)
    package = WordPackage(path, 200 * 1024 * 1024, 50 * 1024 * 1024)
    try:
        content = read_word(package)
    finally:
        package.close()
    position = agreed = total = 0
    for item in content.body:
        if not isinstance(item, Paragraph) or item.label is None or item.label.bullet or not item.text.strip():
            continue
        key = item.text.strip()[:60]
        for index in range(position, len(lines)):
            if key in lines[index]:
                position = index + 1
                theirs = lines[index][: lines[index].find(key)].strip()
                total += 1
                if theirs == item.label.text:
                    agreed += 1
                elif show:
                    print(f"  {path.name}: ours {item.label.text!r}, LibreOffice {theirs!r}: {key}")
                break
    return agreed, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="Word files (.docx) to compare")
    parser.add_argument("--show-differences", action="store_true", help="print every paragraph whose number differs")
    args = parser.parse_args(argv)
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) is not installed", file=sys.stderr)
        return 2
    agreed_all = total_all = 0
    with tempfile.TemporaryDirectory() as folder:
        for path in args.files:
            agreed, total = compare(path, Path(folder), args.show_differences)
            agreed_all, total_all = agreed_all + agreed, total_all + total
            print(f"{path.name}: {agreed}/{total}")
    print(f"all: {agreed_all}/{total_all} ({agreed_all / max(total_all, 1):.1%}) numbered paragraphs agree with LibreOffice")
    return 0


if __name__ == "__main__":
    sys.exit(main())
