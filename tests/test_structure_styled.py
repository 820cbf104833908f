"""The builder on streams from formats that mark their headings (PDF, DOCX, Markdown).

Each case reproduces what a real document of the shared corpus handed the builder.
"""

from __future__ import annotations

from toolkit.structure import build_document
from toolkit.structure.blocks import Block, BlockKind, BlockStream


def P(text: str, **fields) -> Block:
    return Block(text=text, **fields)


def H(text: str, level: int) -> Block:
    return Block(text=text, kind=BlockKind.HEADING, heading_level=level)


def build(*blocks: Block):
    stream = BlockStream(blocks=tuple(blocks), detect_running_lines=False, styled=True)
    return build_document(stream, source="x.pdf", format="pdf")


def outline(document) -> list[tuple[int, str | None, str, str]]:
    return [(c.level, c.number, c.kind.value, c.full_text) for c in document.walk()]


def test_short_plain_lines_after_a_lead_in_are_items_not_headings():
    # Anti-Bullying Policy 2019, page 2: run-in labels set in the body font.
    document = build(
        H("Types of bullying", 2),
        P("Bullying can take many forms including:"),
        P("Verbal Name-calling, insults and threats."),
        P("Visual Graffiti"),
        P("Incitement Encouraging others to join in, or spreading rumours."),
        H("Signs and indicators", 2),
    )
    assert outline(document) == [
        (1, None, "section", "Types of bullying"),
        (2, None, "clause", "Bullying can take many forms including:"),
        (3, None, "list_item", "Verbal Name-calling, insults and threats."),
        (3, None, "list_item", "Visual Graffiti"),
        (3, None, "list_item", "Incitement Encouraging others to join in, or spreading rumours."),
        (1, None, "section", "Signs and indicators"),
    ]


def test_short_values_under_a_heading_are_paragraphs_and_not_the_school():
    document = build(
        H("DECOY VALUES", 1),
        P("Have a go"),
        P("Make the right choices"),
        H("Our Golden Value", 1),
        P("We are kind to everyone."),
    )
    assert document.metadata.school is None
    assert outline(document) == [
        (1, None, "clause", "Have a go"),
        (1, None, "clause", "Make the right choices"),
        (1, None, "section", "Our Golden Value"),
        (2, None, "clause", "We are kind to everyone."),
    ]
    assert document.title == "DECOY VALUES"  # the top heading of a page with no cover


def test_a_full_sentence_after_a_colon_list_is_a_paragraph():
    # Complaints Procedure 2019: an address after "Or write to:", then the text goes on.
    document = build(
        H("Contact", 2),
        P("Or write to:"),
        P("School Complaints Unit, 2nd Floor, Piccadilly Gate, Manchester M1 2WD"),
        P("Please remember that the school is committed to dealing with every complaint fairly and promptly."),
    )
    kinds = [(c.kind.value, c.full_text.split()[0]) for c in document.walk()]
    assert kinds == [("section", "Contact"), ("clause", "Or"), ("list_item", "School"), ("clause", "Please")]


def test_a_numbered_block_is_never_swallowed_by_a_signature_block():
    document = build(P("SIGNED:"), P("SIGNED:", number="1."))
    assert [(c.number, c.kind.value, c.full_text) for c in document.walk()] == [
        (None, "declaration", "SIGNED:"),
        ("1", "section", "SIGNED:"),
    ]
