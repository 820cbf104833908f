"""How fast is generation, and the model -> DOCX writer against python-docx?

Times, in this one process:

* the whole ``generate_policy`` run on the sample school (policy, declarations
  for N staff, sign-off sheet, manifest; no PDF), for 6 and 600 staff;
* ``document_to_docx`` on synthetic policies of 400 to 6,400 clauses, against
  python-docx writing the same paragraphs (styles only: python-docx cannot
  create numbering definitions, so it does strictly less work) as the peer.

    PYTHONPATH=. python benchmarks/bench_generate.py [--sizes 400,1600,6400]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import tempfile
from pathlib import Path

import docx
from _timing import best_of

from toolkit.generate import generate_policy, sample_profile_path
from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.render.docx_document import DocxWriteOptions, document_to_docx

STAMP = dt.datetime(2025, 3, 21, tzinfo=dt.UTC)
WORDS = ("staff pupils social media must should report concerns headteacher safeguarding accounts personal "
         "conduct information confidential parents privacy images devices review approved").split()


def synthetic(clauses: int, seed: int = 1) -> Document:
    rng = random.Random(seed)
    sections = []
    per_section = 8
    for s in range(1, clauses // (per_section + 1) + 2):
        children = []
        for c in range(1, per_section + 1):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))) + "."
            children.append(Clause(f"c{s}.{c}", f"{s}.{c}", None, text, 2, ClauseKind.CLAUSE))
        sections.append(Clause(f"s{s}", str(s), f"Section {s}", "", 1, ClauseKind.SECTION, tuple(children)))
    return Document("bench", "model", Metadata(title=MetaValue("Bench", "Bench")), tuple(sections))


def python_docx(document: Document) -> bytes:
    out = docx.Document()
    for clause in document.walk():
        if clause.kind is ClauseKind.SECTION:
            out.add_heading(f"{clause.number}. {clause.heading}", level=1)
        else:
            out.add_paragraph(f"{clause.number}\t{clause.text}")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="400,1600,6400")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        for staff_count in (6, 600):
            staff = Path(work) / f"staff{staff_count}.csv"
            with staff.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["name", "role", "email"])
                for i in range(staff_count):
                    writer.writerow([f"Person {i}", "Teacher", f"p{i}@example.org"])
            seconds = best_of(2, lambda: generate_policy(sample_profile_path(), staff, Path(work) / "out",
                                                      timestamp=STAMP, pdf=False))
            print(f"generate_policy, sample school, {staff_count:4d} staff, no PDF: {seconds * 1000:8.1f} ms")

    print()
    print(f"{'clauses':>8} {'policykit':>12} {'python-docx':>12} {'ratio':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        document = synthetic(size)
        count = sum(1 for _ in document.walk())
        ours = best_of(3, lambda: document_to_docx(document, DocxWriteOptions(timestamp=STAMP)))
        peer = best_of(3, lambda: python_docx(document))
        print(f"{count:8d} {ours * 1000:10.1f}ms {peer * 1000:10.1f}ms {ours / peer:6.2f}x")


if __name__ == "__main__":
    main()
