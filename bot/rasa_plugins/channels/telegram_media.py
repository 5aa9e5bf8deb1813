"""The summary as a PDF document, which the Telegram channel sends after the summary's text.

The PDF uses fpdf2's core fonts, which hold latin-1 only: typographic quotes and dashes become plain ones and
anything else outside latin-1 a question mark, so no summary is ever refused.
"""

from __future__ import annotations

SUMMARY_FILE_NAME = "leg-summary.pdf"
PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
    }
)
FONT = "Helvetica"


def latin1(text: str) -> str:
    """The text in the characters the PDF core fonts have."""
    return text.translate(PLAIN_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def summary_pdf(summary: str) -> bytes:
    """An A4 page of the summary: its first line (the title with the date) as the heading, then every line as in
    the chat, with the headings (lines ending in a colon) in bold so a doctor can scan it."""
    # imported here: fpdf2 takes most of a second to import, which set-up's picture check does not need
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    title, *lines = latin1(summary).splitlines() or [""]
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in lines:
        if not line.strip():
            pdf.ln(4)
            continue
        heading = line.endswith(":") and not line.startswith("- ")
        pdf.set_font(FONT, "B" if heading else "", 11)
        pdf.multi_cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
