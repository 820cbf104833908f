"""How fast is ``policykit diff``, against the ``redlines`` package and difflib.HtmlDiff?

Builds a deterministic pair of synthetic policies (sections of numbered clauses
with realistic edits: rewordings, deletions and insertions with renumbering,
and clauses moved between sections), then times, in this one process and on
the same text:

* policykit: ``compare`` alone, and ``compare`` plus the HTML report;
* redlines: ``Redlines(old, new).output_markdown`` on the whole text;
* difflib: ``HtmlDiff().make_file`` on the clause lines.

It then shows how policykit's time grows from 400 to 6,400 clauses.

    PYTHONPATH=. python benchmarks/bench_diff.py [--sizes 400,800,...] [--no-peers]
"""

from __future__ import annotations

import argparse
import difflib
import random

from _timing import best_of

from toolkit.diff import diff_documents
from toolkit.model import Clause, ClauseKind, Document, Metadata, MetaValue
from toolkit.render import render_diff

WORDS = (
    "staff school pupils governors social media policy must should will may not never always report concerns "
    "headteacher safeguarding online accounts personal professional conduct information confidential parents "
    "privacy photographs images devices phones email messages posts comments public reputation standards "
    "behaviour disciplinary action breach procedure guidance training review approved website platform "
    "content sharing friends requests contact communication responsible appropriate inappropriate lawful "
    "data protection security passwords access monitoring network systems equipment use business purposes"
).split()
CLAUSES_PER_SECTION = 8


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_sections(n_clauses: int, seed: int = 7) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(heading, [(clause id, text)])] with about 35 words a clause."""
    rng = random.Random(seed)
    sections = []
    made = 0
    while made < n_clauses:
        heading = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize()
        clauses = []
        for _ in range(min(CLAUSES_PER_SECTION - 1, n_clauses - made - 1) or 1):
            text = " ".join(sentence(rng, rng.randint(10, 20)) for _ in range(2))
            clauses.append((f"k{made + len(clauses)}", text))
        sections.append((heading, clauses))
        made += len(clauses) + 1
    return sections


def edit(sections, seed: int = 11):
    """Reword 5% of clauses, delete 1%, insert 1%, move 1% to another section."""
    rng = random.Random(seed)
    sections = [(heading, list(clauses)) for heading, clauses in sections]
    all_ids = [cid for _, clauses in sections for cid, _ in clauses]
    n = len(all_ids)
    for _ in range(max(1, n // 20)):
        s = rng.randrange(len(sections))
        if not sections[s][1]:
            continue
        c = rng.randrange(len(sections[s][1]))
        cid, text = sections[s][1][c]
        words = text.split()
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        sections[s][1][c] = (cid, " ".join(words))
    for _ in range(max(1, n // 100)):
        s = rng.randrange(len(sections))
        if len(sections[s][1]) > 1:
            sections[s][1].pop(rng.randrange(len(sections[s][1])))
    for k in range(max(1, n // 100)):
        s = rng.randrange(len(sections))
        at = rng.randrange(len(sections[s][1]) + 1)
        sections[s][1].insert(at, (f"new{k}", " ".join(sentence(rng, 15) for _ in range(2))))
    for _ in range(max(1, n // 100)):
        s, t = rng.randrange(len(sections)), rng.randrange(len(sections))
        if s != t and len(sections[s][1]) > 1:
            clause = sections[s][1].pop(rng.randrange(len(sections[s][1])))
            sections[t][1].insert(rng.randrange(len(sections[t][1]) + 1), clause)
    return sections


def document(sections, source: str) -> Document:
    tops = []
    for number, (heading, clauses) in enumerate(sections, start=1):
        children = tuple(
            Clause(id=cid, number=f"{number}.{k}", heading=None, text=text, level=2, kind=ClauseKind.CLAUSE)
            for k, (cid, text) in enumerate(clauses, start=1)
        )
        tops.append(Clause(id=f"s{heading}{number}", number=str(number), heading=heading, text="", level=1,
                           kind=ClauseKind.SECTION, children=children))
    title = MetaValue("Synthetic social media policy", "Synthetic social media policy")
    return Document(source=source, format="text", metadata=Metadata(title=title), clauses=tuple(tops))


def lines_of(doc: Document) -> list[str]:
    return [" ".join(part for part in (c.number, c.full_text) if part) for c in doc.walk()]


def pair(n_clauses: int):
    base = make_sections(n_clauses)
    return document(base, "old.txt"), document(edit(base), "new.txt")




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="400,800,1600,3200,6400")
    parser.add_argument("--peer-size", type=int, default=400)
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()

    old, new = pair(args.peer_size)
    n_old, n_new = len(list(old.walk())), len(list(new.walk()))
    diff = diff_documents(old, new)
    print(f"pair: {n_old} -> {n_new} clauses; {sum(len(line.split()) for line in lines_of(old))} words; "
          f"policykit finds {diff.summary.as_dict()}")
    ours = best_of(5, lambda: diff_documents(old, new))
    ours_html = best_of(5, lambda: render_diff(diff_documents(old, new), "html"))
    print(f"policykit compare          {ours * 1000:9.1f} ms")
    print(f"policykit compare + html   {ours_html * 1000:9.1f} ms")
    if not args.no_peers:
        old_text, new_text = "\n".join(lines_of(old)), "\n".join(lines_of(new))
        from redlines import Redlines

        theirs = best_of(1, lambda: Redlines(old_text, new_text).output_markdown)
        html_diff = best_of(3, lambda: difflib.HtmlDiff().make_file(lines_of(old), lines_of(new)))
        print(f"redlines output_markdown   {theirs * 1000:9.1f} ms   policykit is {theirs / ours:6.1f}x faster "
              f"({theirs / ours_html:.1f}x with the HTML report)")
        print(f"difflib.HtmlDiff           {html_diff * 1000:9.1f} ms   policykit is {html_diff / ours:6.1f}x faster "
              f"({html_diff / ours_html:.1f}x with the HTML report)")
    print()
    print(f"{'clauses':>8} {'compare ms':>11} {'µs/clause':>10} {'+html ms':>10} {'growth':>7}")
    previous = None
    for size in (int(s) for s in args.sizes.split(",")):
        old, new = pair(size)
        repeats = 3
        elapsed = best_of(repeats, lambda: diff_documents(old, new))
        with_html = best_of(repeats, lambda: render_diff(diff_documents(old, new), "html"))
        growth = f"{elapsed / previous:5.2f}x" if previous else "    -"
        print(f"{size:>8} {elapsed * 1000:>11.1f} {elapsed / size * 1e6:>10.1f} {with_html * 1000:>10.1f} {growth:>7}")
        previous = elapsed
    print("(growth: time relative to the previous size, which is half as large; 2.00x is linear)")

    # Worst cases for the candidate search: nothing in common, and every clause reworded.
    size = 3200
    base = make_sections(size)
    unrelated = document(make_sections(size, seed=99), "unrelated.txt")
    rng = random.Random(3)
    reworded = document([(h, [(cid, " ".join(w if rng.random() > 0.3 else "changed" for w in text.split()))
                               for cid, text in clauses]) for h, clauses in base], "reworded.txt")
    old = document(base, "old.txt")
    print()
    for label, other in (("unrelated documents", unrelated), ("every clause reworded", reworded)):
        elapsed = best_of(1, lambda: diff_documents(old, other))
        print(f"{size} clauses, {label:<22} {elapsed * 1000:8.1f} ms")
    old, new = pair(400)
    docx_time = best_of(3, lambda: render_diff(diff_documents(old, new), "docx"))
    print(f"400 clauses, compare + tracked-changes DOCX {docx_time * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
