"""The PDF's method pages are ``method.md`` beside this module (shipped inside the package), so
the pages and the text the documentation quotes cannot drift. The file's first part (up to "The
exact rules") is the plain-language page executives read; the rest is the workshop PDF's
appendix "Formulas". On paper the names of fields in the JSON output, given in brackets in the
file, are left out, and the command-line section is skipped. The Markdown is read by
markdown-it-py (CommonMark with tables); this module only lays its blocks out."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from reportlab.lib import colors
from reportlab.platypus import ListFlowable, ListItem, Paragraph, Preformatted, Spacer, Table

from .. import i18n, paths
from ..i18n import N_, tr
from ..i18n.pseudo import PSEUDO, pseudo_text
from ..rules.privacy import PRIVACY_THRESHOLD
from . import fonts

SKIP_FROM = "## In `tandem results --json`"  # not translated: a heading of the file, not shown
# The headings the layout looks for, as each language's file writes them (``method_text``).
FORMULAS = N_("The exact rules")  # where the executive page ends and the appendix begins
MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]<>#|])")  # typed text in the example stays text
EXAMPLE = N_("An example from this workshop")  # its paragraph gives way to the workshop's own
# Written for 3; a workshop's own threshold there (``method_text``'s ``minimum``).
THRESHOLD = N_("Figures on too few people")
CODE_NAME = re.compile(r"\s*\(`[^`()]*`(?:,\s*`[^`()]*`)*\)|,\s*`[^`]*` in the file")
CODE_COLOUR = "#4a5560"
CODE_MARKUP = '<font color="{colour}">{code}</font>'  # not translated: Paragraph markup
# Inline Markdown as Paragraph markup; text and code are escaped by ``fonts.markup``.
INLINE_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>", "em_close": "</i>",
               "softbreak": " ", "hardbreak": "<br/>"}


def scoring_doc() -> Path:
    """The method in the current language (``method.de.md``), else in English."""
    folder = paths.package_dir() / "reports"
    translated = folder / f"method.{i18n.current()}.md"
    return translated if translated.is_file() else folder / "method.md"


def _file_language() -> str:
    """The language ``scoring_doc``'s file is written in, whose headings the layout looks for
    (the pseudo-locale reads the English file and makes its words long as it lays them out)."""
    return i18n.current() if scoring_doc().name != "method.md" else i18n.ENGLISH


def method_text(part: str = "all", example: tuple[str, ...] = (),
                minimum: int = PRIVACY_THRESHOLD) -> str:
    """The method as printed: ``part`` "executive" (the plain page), "formulas" (the exact
    rules, without their own heading) or "all"; JSON field names and commands left out. With
    ``example`` (``method_example.worked_example``), the example section holds those
    paragraphs, this workshop's own arithmetic, instead of the general one. The privacy
    section gives the workshop's threshold ``minimum``."""
    text = scoring_doc().read_text(encoding="utf-8").split(SKIP_FROM)[0]
    with i18n.speaking(_file_language()):
        example_at, formulas_from = f"## {tr(EXAMPLE)}", f"## {tr(FORMULAS)}"
        threshold_at = f"## {tr(THRESHOLD)}"
    if minimum != PRIVACY_THRESHOLD:
        head, rest = text.split(threshold_at, 1)
        cut = rest.index("\n## ")
        text = head + threshold_at + re.sub(rf"\b{PRIVACY_THRESHOLD}\b", str(minimum),
                                            rest[:cut]) + rest[cut:]
    if example:
        head, rest = text.split(example_at, 1)
        after = rest[rest.index("\n## "):]
        plain = (MARKDOWN_SIGNS.sub(r"\\\1", paragraph) for paragraph in example)
        text = head + example_at + "\n\n" + "\n\n".join(plain) + "\n" + after
    if part == "executive":
        text = text.split(formulas_from)[0]
    elif part == "formulas":
        text = text.split(formulas_from, 1)[1].split("\n", 1)[1]
    return CODE_NAME.sub("", text)


def _inline(node) -> str:
    """An inline node's children as Paragraph markup (bold, italic, code, plain text)."""
    out = []
    for child in node.children:
        if child.type == "text":
            # the English file made long (this workshop's example is written long already)
            long = i18n.current() == PSEUDO and "⟦" not in child.content
            out.append(fonts.markup(pseudo_text(child.content) if long else child.content))
        elif child.type == "code_inline":
            out.append(CODE_MARKUP.format(colour=CODE_COLOUR, code=fonts.markup(child.content)))
        elif child.nester_tokens is not None:  # strong, em: a pair around their children
            tag = INLINE_TAGS.get(child.type + "_open", "")
            out.append(tag + _inline(child) + INLINE_TAGS.get(child.type + "_close", ""))
        else:
            out.append(INLINE_TAGS.get(child.type, fonts.markup(child.content)))
    return "".join(out)


def _heading(node, style: dict, skip_title: bool) -> list:
    if node.tag == "h1":
        return [] if skip_title else [Paragraph(_inline(node.children[0]), style["h2"])]
    return [Paragraph(_inline(node.children[0]), style["h3"])]


def _example(node, style: dict, width: float) -> list:
    return [Preformatted(node.content.rstrip("\n"), style["small"],
                         maxLineLength=int(width / 4.6), newLineChars=""), Spacer(1, 4)]


def _table(node, style: dict, width: float) -> list:
    rows = [row for part in node.children for row in part.children]
    data = [[Paragraph(_inline(cell.children[0]) if cell.children else "",
                       style["cell_bold" if r == 0 else "cell"]) for cell in row.children]
            for r, row in enumerate(rows)]
    table = Table(data, colWidths=[width * 0.3, width * 0.7], repeatRows=1)
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d0d5da")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4"))])
    return [table, Spacer(1, 4)]


def _bullets(node, style: dict) -> list:
    entries = [" ".join(_inline(p.children[0]) for p in item.children) for item in node.children]
    return [ListFlowable(
        [ListItem(Paragraph(e, style["body"]), leftIndent=12) for e in entries],
        bulletType="bullet", start="•", leftIndent=12), Spacer(1, 3)]


def _block(node, style: dict, width: float, skip_title: bool) -> list:
    if node.type == "heading":
        return _heading(node, style, skip_title)
    if node.type in ("code_block", "fence"):
        return _example(node, style, width)
    if node.type == "table":
        return _table(node, style, width)
    if node.type == "bullet_list":
        return _bullets(node, style)
    return [Paragraph(_inline(node.children[0]), style["body"]), Spacer(1, 4)]


def method_flowables(style: dict, width: float, skip_title: bool = True,
                     part: str = "all", example: tuple[str, ...] = (),
                     minimum: int = PRIVACY_THRESHOLD) -> list:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tree = SyntaxTreeNode(parser.parse(method_text(part, example, minimum)))
    return [flowable for node in tree.children
            for flowable in _block(node, style, width, skip_title)]
