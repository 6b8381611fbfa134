"""QR codes of the join links (segno: pure Python, no dependencies)."""

from __future__ import annotations

import io

ERROR_LEVEL = "m"  # 15% of the code may be smudged or hidden by a projector's glare
BORDER = 4  # the quiet zone the QR standard asks for, in modules


def _code(url: str):
    import segno

    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=True)


def qr_svg(url: str, scale: int = 1) -> str:
    """The code as an SVG document (black on white, scalable: for the printed sheet)."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", scale=scale, border=BORDER, xmldecl=False,
                    svgns=True, omitsize=True, dark="#000", light="#fff")
    return out.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 8) -> bytes:
    """The code as a PNG, ``scale`` pixels per module (for the window and the projector)."""
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=max(1, int(scale)), border=BORDER,
                    dark="#000", light="#fff")
    return out.getvalue()


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules without the quiet zone, True for dark: to paint the code at any size."""
    return [[bool(cell) for cell in row] for row in _code(url).matrix]
