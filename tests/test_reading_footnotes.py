"""Footnotes as a reader sees them: the mark stays on its word as a mark, the note's
text is kept once with the clause that refers to it, and is never a clause itself."""

from __future__ import annotations

from _pdf_build import layout_pdf
from _readers_build import W_NS, new_document, save_with_parts
from docx.oxml import parse_xml

from toolkit import accounting
from toolkit.readers import read_document

FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Keeping Children Safe in Education, 2023.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
).encode()
RELS_ADD = (
    '<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
    'Target="footnotes.xml"/>'
)
CONTENT_TYPE = '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'


def _footnoted_docx(tmp_path):
    import io
    import zipfile

    document = new_document()
    document.add_paragraph("Safeguarding Policy", style="Title")
    paragraph = document.add_paragraph("All staff")
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:footnoteReference w:id="1"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve"> read the statutory guidance every year.</w:t></w:r>'))
    document.add_paragraph("Concerns go to the designated safeguarding lead the same day.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        rels = source.read("word/_rels/document.xml.rels").decode().replace("</Relationships>", RELS_ADD + "</Relationships>")
        types = source.read("[Content_Types].xml").decode().replace("</Types>", CONTENT_TYPE + "</Types>")
    return save_with_parts(
        document, tmp_path / "notes.docx",
        {"word/footnotes.xml": FOOTNOTES, "word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()},
    )


def test_word_footnote_is_kept_once_with_its_clause_and_the_mark_stays_a_mark(tmp_path):
    document = read_document(_footnoted_docx(tmp_path))
    texts = [clause.full_text for clause in document.walk()]
    referring = next(text for text in texts if "All staff" in text)
    assert referring.startswith("All staff[1] read the statutory guidance")
    assert "[1] Keeping Children Safe in Education, 2023." in referring
    assert sum(text.count("Keeping Children Safe") for text in texts) == 1
    assert not any(text.startswith(("Keeping", "[1]")) for text in texts)
    assert "staff" in accounting.words(referring)


def _footnoted_pdf(tmp_path):
    # Body in 11 pt; the mark "1" raised in 7 pt straight after "staff"; the note in
    # 8 pt at the foot of the page, above the page number.
    page = [
        (72, 760, "Safeguarding Policy", "F2", 14),
        (72, 720, "All staff", "F1", 11),
        (131.4, 724, "1", "F1", 7),
        (137, 720, " read the statutory guidance every year.", "F1", 11),
        (72, 700, "Concerns go to the designated lead the same day.", "F1", 11),
        (72, 90, "1", "F1", 6),
        (78, 88, "Keeping Children Safe in Education, 2023.", "F1", 8),
        (290, 40, "1", "F1", 10),
    ]
    path = tmp_path / "notes.pdf"
    path.write_bytes(layout_pdf([page]))
    return path


def test_pdf_footnote_mark_is_not_glued_to_its_word_and_the_note_is_not_a_clause(tmp_path):
    document = read_document(_footnoted_pdf(tmp_path))
    texts = [clause.full_text for clause in document.walk()]
    assert not any("staff1" in text for text in texts), texts
    referring = next(text for text in texts if "All staff" in text)
    assert "staff[1]" in referring
    assert "Keeping Children Safe in Education, 2023." in referring
    assert sum(text.count("Keeping Children Safe") for text in texts) == 1
