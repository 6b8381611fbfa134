"""The PDF's method pages are ``method.md`` beside this module (shipped inside the package), the
same text docs/scoring.md points readers to, so the pages and the documentation cannot drift.
The file's first part (up to "The exact rules") is the plain-language page executives read;
the rest is the workshop PDF's appendix "Formulas". On paper the names of fields in the JSON
output, given in brackets in the file, are left out, and the command-line section is skipped.
This reads the small Markdown subset that file uses: headings, paragraphs, bullet lists, tables
and indented examples."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import ListFlowable, ListItem, Paragraph, Preformatted, Spacer, Table

from .. import paths
from . import fonts

SKIP_FROM = "## In `tandem results --json`"  # command-line details do not belong on paper
FORMULAS_FROM = "## The exact rules"  # where the executive page ends and the appendix begins
CODE_NAME = re.compile(r"\s*\(`[^`()]*`(?:,\s*`[^`()]*`)*\)|,\s*`[^`]*` in the file")
PARTS = ("all", "executive", "formulas")


def scoring_doc() -> Path:
    return paths.package_dir() / "reports" / "method.md"


def _inline(text: str) -> str:
    """Escaped text with **bold**, *italic* and `code` turned into Paragraph markup."""
    out = fonts.markup(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)
    return re.sub(r"`(.+?)`", r'<font color="#4a5560">\1</font>', out)


def method_text(part: str = "all") -> str:
    """The method as printed: ``part`` "executive" (the plain page), "formulas" (the exact
    rules, without their own heading) or "all"; JSON field names and commands left out."""
    text = scoring_doc().read_text(encoding="utf-8").split(SKIP_FROM)[0]
    if part == "executive":
        text = text.split(FORMULAS_FROM)[0]
    elif part == "formulas":
        text = text.split(FORMULAS_FROM, 1)[1].split("\n", 1)[1]
    return CODE_NAME.sub("", text)


def method_flowables(style: dict, width: float, skip_title: bool = True,
                     part: str = "all") -> list:
    blocks = re.split(r"\n\s*\n", method_text(part).strip())
    story: list = []
    for block in blocks:
        lines = block.split("\n")
        if block.startswith("# "):
            if not skip_title:
                story.append(Paragraph(_inline(block[2:]), style["h2"]))
        elif block.startswith("## "):
            story.append(Paragraph(_inline(block[3:]), style["h3"]))
        elif all(line.startswith("    ") for line in lines):
            story.append(Preformatted("\n".join(line[4:] for line in lines), style["small"],
                                      maxLineLength=int(width / 4.6), newLineChars=""))
            story.append(Spacer(1, 4))
        elif lines[0].startswith("|"):
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
                    if not re.match(r"^\|[\s|:-]+\|$", line.strip())]
            data = [[Paragraph(_inline(c), style["cell_bold" if r == 0 else "cell"])
                     for c in row] for r, row in enumerate(rows)]
            table = Table(data, colWidths=[width * 0.3, width * 0.7], repeatRows=1)
            table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d0d5da")),
                            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4"))])
            story.append(table)
            story.append(Spacer(1, 4))
        elif lines[0].startswith("- "):
            entries: list[str] = []
            current: list[str] = []
            for line in lines:
                if line.startswith("- ") and current:
                    entries.append(" ".join(current))
                    current = []
                current.append(line[2:] if line.startswith("- ") else line.strip())
            entries.append(" ".join(current))
            story.append(ListFlowable(
                [ListItem(Paragraph(_inline(e), style["body"]), leftIndent=12) for e in entries],
                bulletType="bullet", start="•", leftIndent=12))
            story.append(Spacer(1, 3))
        else:
            story.append(Paragraph(_inline(" ".join(line.strip() for line in lines)),
                                   style["body"]))
            story.append(Spacer(1, 4))
    return story
