"""The structure builder: one neutral block stream in, one clause tree out.

Every reader feeds this module, so a clause number means the same thing whether
it came from a text extraction, Markdown, a Word list or a PDF line.

The passes, in order:
1. furniture: running headers/footers (by repetition) and contents lists out;
2. wrapped lines that a page break split are joined again;
3. the front page (title, metadata lines and tables) is taken off the top;
4. the tree: each block is classified (numbered clause, list item, heading,
   paragraph, table, declaration, drafting note) and attached to the open
   clause it belongs to. Numbers are checked against the numbering so far, so
   "3.5 hours" or a wrapped "1952 and 1996" never become clauses, and "9." after
   "8." is section 9 while "2." after "1. When posting ..." is the next list item;
5. ids and levels are assigned and everything is frozen.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Clause, ClauseKind, Document, Furniture
from ..model import replace as dc_replace
from .blocks import Block, BlockKind, BlockStream
from .cover import names_policy, take_cover
from .furniture import find_contents, find_running_lines
from .lexicon import LABEL_THEN_TAB, ORG_WORDS, TITLE_WORDS
from .metadata import MetadataCollector
from .rules import (
    Number,
    clean_heading,
    clean_label,
    colon_pair,
    field_for_key,
    has_sign_word,
    is_signature_line,
    looks_like_heading,
    parse_number,
    split_cells,
    split_drafting_note,
    strip_markers,
)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How the builder turns a block stream into clauses; the defaults suit every reader."""
    # None: do as the stream says (text extractions yes, PDF/DOCX readers no).
    detect_running_lines: bool | None = None
    # Join a line that a page break split from its sentence.
    join_wrapped_lines: bool = True
    # Unnumbered lines of at most this many words after a lead-in ending in ':'
    # are items of that list even without a bullet.
    list_item_max_words: int = 25


_TERMINAL = (".", "!", "?", ":", ";", ":-")
# The title of one policy among several in a handbook or policy pack.
_POLICY_TITLE = re.compile(r"\b(?:policy|procedures?|code of conduct|statement|protocol|guidance|charter)\b", re.IGNORECASE)
_HAS_WORD = re.compile(r"\w")


# --- pass 2: joining wrapped lines ------------------------------------------------

# Word's "Save as Plain Text" writes "1.1<TAB>Text": that tab is not a cell boundary.
_NUMBER_TAB = LABEL_THEN_TAB


def _untab_number(block: Block) -> Block:
    if block.kind is BlockKind.TABLE or "\t" not in block.text:
        return block
    match = _NUMBER_TAB.match(block.text)
    if not match or "\t" in block.text[match.end():]:
        return block  # more tabs follow: a real table row ("1.<TAB>Inis<TAB>...")
    return dc_replace(block, text=f"{match[1]} {block.text[match.end():]}")


def _join_wrapped(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if out and _continues(out[-1], block):
            previous = out[-1]
            out[-1] = dc_replace(previous, text=previous.text.rstrip() + " " + block.text.strip())
            continue
        out.append(block)
    return out


def _continues(previous: Block, block: Block) -> bool:
    if BlockKind.TABLE in (previous.kind, block.kind) or BlockKind.HEADING in (previous.kind, block.kind):
        return False
    if block.number or block.bullet or block.kind is BlockKind.LIST_ITEM and block.gap_before:
        return False
    marked = strip_markers(block.text)
    if marked.bullets or not marked.text or not marked.text[0].islower():
        return False
    before = previous.text.rstrip()
    if "\t" in before or "\t" in block.text.strip():
        return False
    return len(before) >= 50 and not before.endswith(_TERMINAL)


# --- pass 3: front page -----------------------------------------------------------


def _take_front_matter(blocks: list[Block], meta: MetadataCollector, *, styled: bool = False) -> list[Block]:
    index = 0
    printed_title = False
    while index < len(blocks):
        block = blocks[index]
        marked = strip_markers(block.text)
        if block.kind is BlockKind.LIST_ITEM or marked.bullets or block.bullet or block.number:
            break
        if block.kind is BlockKind.HEADING:
            if parse_number(marked.text):
                break
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            before_body = following is not None and _is_body(following)
            if ":" in marked.text and meta.front_line(marked.text, strict=True):
                index += 1  # "Policy Date: January 2016" set in a heading style
                continue
            # Only one top-level heading is the printed title; the next one opens
            # the first (unnumbered) section, e.g. "Purpose of policy".
            if meta.school_name_line(marked.text):
                index += 1
                continue
            if not meta.has("title") and meta.title_line(marked.text):
                printed_title = True
                index += 1
                continue
            if block.heading_level == 1 and not printed_title:
                title = meta.get_value("title")
                if title is None:
                    meta.set("title", marked.text.strip("*_ "))
                elif _same_words(title, marked.text):  # front matter named it; this is it printed
                    meta.extra("Heading", marked.text, printed=False)
                else:
                    break  # a different top heading opens the body
                printed_title = True
                index += 1
                continue
            # Cover pages set the school's name or a subtitle as headings too; a
            # heading that body text follows is the first section's.
            if not before_body and meta.front_line(marked.text, strict=True):
                index += 1
                continue
            break
        if block.kind is BlockKind.TABLE:
            if _is_metadata_table([list(row) for row in block.rows]):
                _take_metadata_table(block.rows, meta)
                index += 1
                continue
            break
        number = parse_number(marked.text)
        if number and number.style in ("decimal", "roman-section", "appendix"):
            break
        cells = split_cells(marked.text)
        if len(cells) == 2 and meta.table_row(cells):
            index += 1
            continue
        text = marked.text
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if meta.known_line(text):
            index += 1  # "DATE OF ADOPTION: July 2021" reads like a heading but is metadata
            continue
        if not meta.has("title") and not cells[1:] and (index == 0 or not styled or block.bold) and _wrapped_title(blocks, index):
            # "Centre Behaviour Policy" above the first paragraph; "Child Protection and /
            # Safeguarding Policy" wrapped over two lines.
            taken = _wrapped_title(blocks, index)
            meta.set("title", " ".join(strip_markers(b.text).text for b in blocks[index:index + taken]))
            index += taken
            continue
        if not meta.has("title") and not meta.has("school") and ORG_WORDS.search(text) and not TITLE_WORDS.search(text) and (
            following is not None and _wrapped_title(blocks, index + 1)
        ):
            meta.set("school", text)  # the school's name above the title
            index += 1
            continue
        if looks_like_heading(text) and following is not None and _is_body(following):
            break  # the first section's heading
        if len(text.split()) > 14 or text.endswith(".") and len(text.split()) > 6:
            break
        if not meta.has("title") and looks_like_heading(text) and not cells[1:] and (block.bold or not styled):
            meta.set("title", text)  # a front page opens with its title, whatever it says
        elif not meta.front_line(text, strict=styled):
            break
        index += 1
    return blocks[index:]


_CONNECTIVES = ("and", "&", "of", "for", "in", "on", "to", "with")


def _wrapped_title(blocks: list[Block], index: int) -> int:
    """How many lines from ``index`` make the title (0 when no title starts there)."""
    if index >= len(blocks) or blocks[index].kind is not BlockKind.PARAGRAPH and blocks[index].kind is not BlockKind.HEADING:
        return 0
    text = strip_markers(blocks[index].text).text
    if not text or len(text.split()) > 14:
        return 0
    following = strip_markers(blocks[index + 1].text).text if index + 1 < len(blocks) else ""
    if following and not blocks[index + 1].number and (
        text.split()[-1].lower() in _CONNECTIVES or following.split()[0].lower() in _CONNECTIVES
    ) and names_policy(f"{text} {following}"):
        return 2
    return 1 if names_policy(text) else 0


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


def _is_body(block: Block) -> bool:
    marked = strip_markers(block.text)
    if block.kind is BlockKind.LIST_ITEM or marked.bullets or block.bullet:
        return True
    if block.kind is not BlockKind.PARAGRAPH or "\t" in block.text:
        return False
    return len(marked.text.split()) > 12 or marked.text.endswith(".")


def metadata_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows of a cover or metadata table as [key, value] (or one cell for a title row)."""
    out = []
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        if len(cells) == 1 and "\n" in cells[0]:
            # A boxed cover: title and "KEY: value" lines in one cell.
            lines = [line.strip() for line in cells[0].split("\n") if line.strip()]
            out.extend(list(pair) if (pair := colon_pair(line)) else [line] for line in lines)
            continue
        if len(cells) == 1 and (pair := colon_pair(cells[0])):
            cells = [pair[0], pair[1]]
        if len(cells) >= 4 and len(cells) % 2 == 0 and all(field_for_key(cells[i]) for i in range(0, len(cells), 2)):
            # "Date Approved by Governors | 23/07/2020 | Date of Review | January 2021": pairs side by side.
            out.extend([cells[i], cells[i + 1]] for i in range(0, len(cells), 2))
            continue
        if cells:
            out.append(cells)
    return out


def _take_metadata_table(rows, meta: MetadataCollector) -> None:
    for cells in metadata_rows([list(row) for row in rows]):
        if len(cells) == 1:
            # Only a row that names a policy is its title: a contract's "BUYER" is not.
            if not meta.has("title") and names_policy(cells[0]):
                meta.set("title", cells[0])
            else:
                meta.extra("Heading", cells[0], printed=False)
        else:
            meta.table_row(cells)


def _is_metadata_table(rows: list[list[str]]) -> bool:
    """Key/value rows, most with keys we know; a cover table may open with its title."""
    rows = metadata_rows(rows)
    if rows and len(rows[0]) == 1 and len(rows) > 2:
        rows = rows[1:]
    if not rows or any(len(row) != 2 for row in rows):
        return False
    known = sum(1 for row in rows if field_for_key(row[0]))
    return known >= 1 and known * 2 >= len(rows)


# --- pass 4: the tree ------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    role: str  # root, decimal, appendix, heading, para, list, table, decl, note
    kind: ClauseKind = ClauseKind.CLAUSE
    number: str | None = None
    heading: str | None = None
    text: str = ""
    line: int | None = None
    page: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    children: list[_Node] = field(default_factory=list)
    key: tuple[int, ...] = ()
    list_level: int = 0
    list_style: str | None = None  # decimal, alpha, roman, bullet, plain
    list_value: int = 0
    heading_level: int | None = None  # explicit, from the format
    inferred_heading: bool = False

    @property
    def lead_in(self) -> bool:
        return (self.text or self.heading or "").rstrip().endswith((":", ":-"))


# Clauses nest at most this deep (real policies reach 5 or 6); the tree is walked by
# recursion here and in renderers, so the bound also keeps those safe.
MAX_DEPTH = 32


class _TreeBuilder:
    def __init__(self, meta: MetadataCollector, options: BuildOptions, *, styled: bool = False) -> None:
        self.meta = meta
        self.options = options
        self.styled = styled
        self.root = _Node("root")
        self.stack: list[_Node] = [self.root]
        self.last: _Node | None = None  # the node created most recently
        self.last_top = 0  # highest top-level number seen in this numbering context
        self.seen_decimal = False
        self.last_key: tuple[int, ...] = ()

    # -- stack helpers

    @property
    def top(self) -> _Node:
        return self.stack[-1]

    def _pop_while(self, predicate) -> None:
        while len(self.stack) > 1 and predicate(self.top):
            self.stack.pop()

    def _attach(self, node: _Node, parent: _Node) -> _Node:
        while self.stack[-1] is not parent:
            self.stack.pop()
        if len(self.stack) > MAX_DEPTH:
            # Depth comes from the document (a text file of short "Rule N:" lines nests
            # each under the one before): past MAX_DEPTH, items become siblings.
            del self.stack[MAX_DEPTH:]
            parent = self.stack[-1]
        parent.children.append(node)
        self.stack.append(node)
        self.last = node
        return node

    def _decimal_path(self) -> list[tuple[int, ...]]:
        return [node.key for node in self.stack if node.role == "decimal"]

    # -- classification

    def run(self, blocks: list[Block]) -> _Node:
        index = 0
        while index < len(blocks):
            index = self._step(blocks, index)
        return self.root

    def _step(self, blocks: list[Block], index: int) -> int:
        block = blocks[index]
        if block.kind is BlockKind.TABLE:
            self._table([list(row) for row in block.rows], block)
            return index + 1
        marked = strip_markers(block.text)
        if len(split_cells(marked.text)) >= 2 and not block.number:
            end = index
            while (
                end < len(blocks)
                and blocks[end].kind is not BlockKind.TABLE
                and not blocks[end].number
                and len(split_cells(strip_markers(blocks[end].text).text)) >= 2
            ):
                end += 1
            self._table([split_cells(strip_markers(b.text).text) for b in blocks[index:end]], block)
            return end
        if is_signature_line(marked.text) and not block.number:
            end = index
            while end < len(blocks) and not blocks[end].number and is_signature_line(strip_markers(blocks[end].text).text):
                end += 1
            group = [strip_markers(b.text).text for b in blocks[index:end]]
            if any(has_sign_word(line) for line in group):
                self._paragraph_like(_Node("decl", ClauseKind.DECLARATION, text="\n".join(group), line=block.line, page=block.page))
                return end
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        self._classify(block, marked, following)
        return index + 1

    def _classify(self, block: Block, marked, following: Block | None) -> None:
        text = marked.text
        if block.number:
            number = parse_number(f"{block.number} {text}") or Number(block.number, "plain", rest=text)
            given = True
        else:
            number = parse_number(text)
            given = False
        bullet = block.bullet or (marked.bullets > 0 and block.kind is not BlockKind.HEADING)
        explicit_level = block.list_level if (block.kind is BlockKind.LIST_ITEM or block.bullet) else None

        if number is not None:
            if number.style == "appendix":
                return self._appendix(number, block)
            # An open list's next item wins over a section number: "8." after list item
            # "7." is item 8, not a second section 8.
            if (
                block.kind is BlockKind.HEADING
                and number.style == "decimal"
                and len(number.key) == 1
                and self.seen_decimal
                and number.key[0] == self.last_top + 1
            ):
                return self._decimal(number, block)  # "2. Duty of care" typed in the heading style of "1"
            if number.style in ("decimal", "alpha", "roman", "letter-number") and self._list_number(
                number, block, marked, explicit_level, given, continuation_only=True
            ):
                return
            if number.style in ("decimal", "roman-section") and self._plausible(number) and self._section_shaped(number, block):
                return self._decimal(number, block)
            if number.style in ("decimal", "alpha", "roman", "letter-number") and self._list_number(
                number, block, marked, explicit_level, given
            ):
                return
            if given:  # the format printed a number we cannot place: keep it as a list item
                return self._list_item(block, clean_label(number.label), number.rest, marked, explicit_level, "plain", 0)
        if bullet:
            return self._list_item(block, None, text, marked, explicit_level, "bullet", 0)
        note_text, note = split_drafting_note(text)
        if note is not None and not note_text:
            return self._paragraph_like(_Node("note", ClauseKind.DRAFTING_NOTE, text=note, line=block.line, page=block.page))
        if self._is_heading(block, text, following):
            if self._starts_part(block, text, following):
                return self._part(block, text)
            return self._unnumbered_heading(block, text)
        if self._colon_item(text):
            return self._list_item(block, None, text, marked, None, "plain", 0, colon_item=True)
        self._paragraph_like(_Node("para", ClauseKind.CLAUSE, text=text, line=block.line, page=block.page))

    # -- numbered sections and clauses

    def _plausible(self, number: Number) -> bool:
        if number.lowercase:
            return self._expected_next(number.key)
        key = number.key
        path = self._decimal_path()
        if number.style == "roman-section":
            return len(key) == 1 and key[0] == self.last_top + 1 and looks_like_heading(number.rest)
        if len(key) == 1 and self.last_top < key[0] <= self.last_top + 2:
            # A bare "2 Introduction" (no full stop) must read as a heading.
            return number.label.endswith((".", ")")) or "." in number.label or looks_like_heading(number.rest)
        if not path:
            if not self.seen_decimal:
                return key[0] <= 2 and all(part <= 2 for part in key[1:])
            return len(key) > 1 and key[0] in (self.last_top, self.last_top + 1) and key[-1] <= 2
        deepest = path[-1]
        if key == deepest and len(key) > 1:
            return True  # a duplicated number, as printed (Westhaven's two 2.3s)
        # The open clauses, and the last one even if a heading has closed it since.
        candidates = path + [self.last_key[:depth] for depth in range(1, len(self.last_key) + 1)]
        for open_key in candidates:
            if len(key) == len(open_key) and key[:-1] == open_key[:-1] and open_key[-1] < key[-1] <= open_key[-1] + 2:
                return True
            if len(key) == len(open_key) + 1 and key[:-1] == open_key and key[-1] in (1, 2):
                return True
        # A new top-level section's first sub-clause with no heading of its own.
        return len(key) == 2 and key[0] == self.last_top + 1 and key[1] == 1

    def _expected_next(self, key: tuple[int, ...]) -> bool:
        """Exactly the next sibling or the first child of the clause just numbered."""
        last = self.last_key
        if not last or len(key) < 2:
            return False
        if len(key) == len(last) and key[:-1] == last[:-1] and key[-1] == last[-1] + 1:
            return True
        return len(key) == len(last) + 1 and key[:-1] == last and key[-1] == 1

    @staticmethod
    def _section_shaped(number: Number, block: Block) -> bool:
        # A format's own ordered list ("1. Assessing and supervising ...") is a list
        # unless its top-level item reads as a section heading.
        if block.kind is not BlockKind.LIST_ITEM or len(number.key) > 1:
            return True
        return looks_like_heading(number.rest, allow_colon=True)

    def _decimal(self, number: Number, block: Block) -> None:
        key = number.key
        self._pop_while(
            lambda node: not (
                node.role in ("appendix", "part")
                or (node.role == "decimal" and len(node.key) < len(key) and key[: len(node.key)] == node.key)
            )
        )
        self.seen_decimal = True
        self.last_key = key
        self.last_top = max(self.last_top, key[0]) if len(key) >= 1 else self.last_top
        rest, note = split_drafting_note(number.rest)
        heading_like = block.kind is BlockKind.HEADING or (
            bool(rest) and looks_like_heading(rest, allow_colon=len(key) == 1, max_words=12)
        )
        node = _Node(
            "decimal",
            ClauseKind.SECTION if heading_like else ClauseKind.CLAUSE,
            number=clean_label(number.label),
            heading=clean_heading(rest) if heading_like else None,
            text="" if heading_like else rest,
            line=block.line,
            page=block.page,
            key=key,
            heading_level=block.heading_level,
        )
        self._attach(node, self.top)
        if note:
            self._attach(_Node("note", ClauseKind.DRAFTING_NOTE, text=note, line=block.line, page=block.page), node)
            self.stack.pop()

    def _appendix(self, number: Number, block: Block) -> None:
        self._pop_while(lambda node: True)
        self.last_top = 0
        self.seen_decimal = False
        self.last_key = ()
        node = _Node(
            "appendix",
            ClauseKind.SECTION,
            number=number.label,
            heading=number.rest or None,
            line=block.line,
            page=block.page,
        )
        self._attach(node, self.root)

    # -- several policies in one document

    def _starts_part(self, block: Block, text: str, following: Block | None) -> bool:
        """A policy's title after numbered clauses, with numbering restarting at 1 below it.

        A staff handbook or policy pack prints one policy after another, each numbered
        from 1: the second policy is a new part, not clauses nested under the first
        one's last section (whose "1.1" would then be read as text).
        """
        if not self.seen_decimal or self.last_top < 2 or following is None:
            return False
        if block.heading_level is not None and block.heading_level > 2:
            return False  # a handbook's policies are its top headings, or just below its own title
        number = parse_number(strip_markers(following.text).text) if not following.number else parse_number(
            f"{following.number} {strip_markers(following.text).text}")
        if number is None or number.style != "decimal" or number.key not in ((1,), (1, 1)):
            return False
        return bool(_POLICY_TITLE.search(text)) or block.heading_level == 1

    def _part(self, block: Block, text: str) -> None:
        self._pop_while(lambda node: True)
        self.last_top = 0
        self.seen_decimal = False
        self.last_key = ()
        heading, _ = split_drafting_note(text)
        node = _Node("part", ClauseKind.SECTION, heading=clean_heading(heading), line=block.line, page=block.page,
                     heading_level=block.heading_level)
        self._attach(node, self.root)

    # -- lists

    def _open_lists(self) -> list[_Node]:
        return [node for node in self.stack if node.role == "list"]

    def _list_number(
        self, number: Number, block: Block, marked, explicit_level, given: bool, *, continuation_only: bool = False
    ) -> bool:
        """A number that is not the next clause: continue or start a list, if it can."""
        if number.style == "decimal":
            if len(number.key) != 1 or not (number.label.endswith((".", ")")) or given):
                return False
            value, style = number.key[0], "decimal"
        elif number.style == "letter-number":
            value, style = number.value, "letter-" + number.label[0]  # A1, A2... one list per letter
        else:
            value, style = number.value, number.style
        for node in reversed(self._open_lists()):
            if node.list_style == style and value == node.list_value + 1:
                self._list_item(block, clean_label(number.label), number.rest, marked, node.list_level, style, value, sibling_of=node)
                return True
            if style == "roman" and node.list_style == "alpha" and number.label.strip("()") in ("i", "v", "x"):
                alpha_value = ord(number.label.strip("()")[0]) - ord("a") + 1
                if alpha_value == node.list_value + 1:
                    self._list_item(block, clean_label(number.label), number.rest, marked, node.list_level, "alpha", alpha_value, sibling_of=node)
                    return True
        if value == 1 and not continuation_only:
            self._list_item(block, clean_label(number.label), number.rest, marked, explicit_level, style, value, new_list=True)
            return True
        return False

    def _list_item(
        self,
        block: Block,
        label: str | None,
        text: str,
        marked,
        explicit_level: int | None,
        style: str,
        value: int,
        *,
        sibling_of: _Node | None = None,
        new_list: bool = False,
        colon_item: bool = False,
    ) -> None:
        node = _Node(
            "list",
            ClauseKind.LIST_ITEM,
            number=label,
            text=text,
            line=block.line,
            page=block.page,
            list_style=style,
            list_value=value,
        )
        if sibling_of is not None:
            node.list_level = sibling_of.list_level
            self._pop_while(lambda n: n is not sibling_of)
            self.stack.pop()
            self._attach(node, self.top)
            return
        if colon_item:
            parent = self.last if self.last is not None and self.last.lead_in else self._colon_parent()
            node.list_level = parent.list_level + 1 if parent.role == "list" else 0
            self._pop_while(lambda n: n is not parent)
            self._attach(node, parent)
            return
        if explicit_level is not None:
            level = explicit_level
        else:
            level = (1 if marked.indent else 0) + max(marked.bullets - 1, 0)
            if new_list:
                lists = self._open_lists()
                level = max(level, lists[-1].list_level + 1) if lists and lists[-1].lead_in else level
        if explicit_level is None and level > 0:
            # Indentation in text extractions is unreliable: nest only under a lead-in.
            shallower = [n for n in self._open_lists() if n.list_level < level]
            if shallower and not shallower[-1].lead_in:
                level = shallower[-1].list_level
        node.list_level = level
        self._pop_while(lambda n: n.role == "list" and n.list_level >= level)
        self._pop_while(lambda n: n.role in ("para", "table", "decl", "note") and not n.lead_in)
        if self.top.role == "list" and self.top.list_level >= level:
            self.stack.pop()
        self._attach(node, self.top)

    def _colon_parent(self) -> _Node:
        # The lead-in of the list the previous plain item belongs to.
        for node in reversed(self.stack[:-1]):
            if node.lead_in:
                return node
        return self.top

    def _colon_item(self, text: str) -> bool:
        last = self.last
        if last is None or len(text.split()) > self.options.list_item_max_words:
            return False
        if last.lead_in and last.role != "root":
            return True
        # Later items stay short; a full sentence after them is the next paragraph.
        short = len(text.split()) <= 12 or not text.rstrip().endswith(".")
        return short and last.role == "list" and last.list_style == "plain" and last.number is None and not last.lead_in

    # -- headings, paragraphs

    def _is_heading(self, block: Block, text: str, following: Block | None) -> bool:
        if block.kind is BlockKind.HEADING:
            return True
        if self.styled and not block.bold:
            return False  # the format marks its headings; this one is not marked
        if block.kind is not BlockKind.PARAGRAPH or not looks_like_heading(text, max_words=10):
            return False
        heading_text, _ = split_drafting_note(text)
        if not heading_text:
            return False
        if self.last is not None and (self.last.lead_in or (self.last.role == "list" and self.last.list_style == "plain")):
            # Inside a colon list, a short line is an item unless real body follows it.
            if self.last.lead_in or following is None or following.kind is not BlockKind.PARAGRAPH:
                return False
            follow = strip_markers(following.text)
            return not follow.bullets and not parse_number(follow.text) and _is_body(following)
        return True

    def _unnumbered_heading(self, block: Block, text: str) -> None:
        heading, note = split_drafting_note(text)
        heading = clean_heading(heading)
        last = self.last
        if last is not None and last.role == "appendix" and not last.heading and not last.children:
            last.heading = heading
            return
        level = block.heading_level
        node = _Node("heading", ClauseKind.SECTION, heading=heading, line=block.line, page=block.page, heading_level=level)
        if level is not None:
            self._pop_while(
                lambda n: n.role in ("list", "para", "table", "decl", "note")
                or (n.role == "decimal" and n.kind is ClauseKind.CLAUSE)
                or (n.role == "heading" and n.heading_level is None)
                or (n.role in ("heading", "decimal") and n.heading_level is not None and n.heading_level >= level)
            )
        elif last is not None and last.role == "heading" and not last.children:
            pass  # a heading straight after a heading is its sub-heading
        else:
            self._pop_while(
                lambda n: n.role in ("list", "para", "table", "decl", "note")
                or (n.role == "decimal" and n.kind is ClauseKind.CLAUSE)
            )
            if self.top.role == "heading" and self.top.heading_level is None:
                self.stack.pop()
        node.inferred_heading = level is None
        self._attach(node, self.top)
        if note:
            self._attach(_Node("note", ClauseKind.DRAFTING_NOTE, text=note, line=block.line, page=block.page), node)
            self.stack.pop()

    def _paragraph_like(self, node: _Node) -> None:
        self._pop_while(lambda n: n.role in ("list", "para", "table", "decl", "note"))
        self._attach(node, self.top)

    def _table(self, rows: list[list[str]], block: Block) -> None:
        if _is_metadata_table(rows):
            _take_metadata_table(rows, self.meta)
            return
        self.meta.change_log([list(row) for row in rows])
        clean_rows = tuple(tuple(cell.strip() for cell in row) for row in rows)
        text = "\n".join("\t".join(cell for cell in row if cell) for row in clean_rows)
        self._paragraph_like(_Node("table", ClauseKind.TABLE, text=text, line=block.line, page=block.page, rows=clean_rows))


# --- pass 5: ids and freezing -------------------------------------------------------

# Unnumbered clauses are numbered by kind within their parent: "6.4.1/i3" is the
# third list item of clause 6.4.1.
_PREFIX = {"para": "p", "list": "i", "heading": "h", "table": "t", "decl": "d", "note": "n"}


def _local_id(node: _Node, counters: Counter) -> str:
    if node.role == "decimal":
        return ".".join(str(part) for part in node.key)
    if node.role == "appendix":
        return "appendix-" + (node.number or "").split()[-1].lower()
    if node.role == "part":
        counters["part"] += 1
        return f"part-{counters['part'] + 1}"  # the document's first policy is part 1
    if node.number:
        return node.number.strip("().").lower() or "x"
    prefix = _PREFIX[node.role]
    counters[prefix] += 1
    return f"{prefix}{counters[prefix]}"


def _freeze_children(parent: _Node, parent_id: str | None, level: int, used: set[str]) -> tuple[Clause, ...]:
    counters: Counter = Counter()
    frozen: list[Clause] = []
    for node in parent.children:
        local = _local_id(node, counters)
        if node.role == "decimal":
            # Decimal ids are document-wide ("6.1.2"); an appendix restarts numbering,
            # so its clauses are "appendix-a/1.1".
            base = f"{parent_id.split('/')[0]}/{local}" if _inside_appendix(parent_id) else local
        else:
            base = f"{parent_id}/{local}" if parent_id else local
        clause_id = base
        suffix = 2
        while clause_id in used:
            clause_id = f"{base}~{suffix}"
            suffix += 1
        used.add(clause_id)
        children = _freeze_children(node, clause_id, level + 1, used)
        frozen.append(
            Clause(
                id=clause_id,
                number=node.number,
                heading=node.heading,
                text=node.text,
                level=level,
                kind=node.kind,
                children=children,
                line=node.line,
                page=node.page,
                rows=node.rows,
            )
        )
    return tuple(frozen)


def _inside_appendix(parent_id: str | None) -> bool:
    # Appendices and a handbook's later policies restart the numbering: "part-2/1.1".
    return bool(parent_id) and parent_id.startswith(("appendix-", "part-"))


# --- entry point ---------------------------------------------------------------------


def build_document(
    stream: BlockStream,
    *,
    source: str,
    format: str,
    options: BuildOptions | None = None,
) -> Document:
    """Turn a reader's block stream into a Document."""
    options = options or BuildOptions()
    # A block without a single letter or digit ("\\", "* * *") holds no words to keep.
    blocks = [block for block in stream.blocks if _HAS_WORD.search(f"{block.number or ''}{block.text}") or block.rows]
    furniture: list[Furniture] = list(stream.furniture)
    detect = stream.detect_running_lines if options.detect_running_lines is None else options.detect_running_lines
    if detect:
        blocks, found = find_running_lines(blocks)
        furniture.extend(found)
    blocks, contents = find_contents(blocks)
    furniture.extend(contents)
    blocks = [_untab_number(block) for block in blocks]
    if options.join_wrapped_lines:
        blocks = _join_wrapped(blocks)

    meta = MetadataCollector()
    for key, raw in stream.front_matter:
        if not meta.key_value(key, raw):
            meta.extra(key, raw)
    blocks, covered = take_cover(blocks, meta)
    if not covered:
        blocks = _take_front_matter(blocks, meta, styled=stream.styled)
    root = _TreeBuilder(meta, options, styled=stream.styled).run(blocks)

    # Outside the body: the reader's hints and the running headers, whose words
    # stay in the furniture (so consumed=False).
    for key, raw in stream.hints:
        if key in ("school", "title"):
            # A margin line naming the policy in a sentence is not its title.
            if not meta.has(key) and looks_like_heading(raw, max_words=10):
                meta.set(key, raw, consumed=False)
        elif not meta.key_value(key, raw, consumed=False):
            meta.extra(key, raw, consumed=False)
    seen: set[str] = set()
    for item in furniture:
        if item.kind.value in ("header", "footer", "artifact") and item.text not in seen:
            seen.add(item.text)
            meta.margin_line(item.text, "header" if item.kind.value == "header" else "footer")

    clauses = _freeze_children(root, None, 1, set())
    # Only running text names the school; a heading ("5. Safe School, Safe Staff") never does.
    meta.infer_school_from_body([clause.text for top in clauses for clause in top.walk() if clause.text][:40])
    return Document(
        source=source,
        format=format,
        metadata=meta.build(),
        clauses=clauses,
        furniture=tuple(furniture),
        warnings=stream.warnings + tuple(f"{source}: {warning}" for warning in meta.warnings),
    )


__all__ = ["BuildOptions", "build_document"]
