"""The colours results are drawn in, shared by the screen and the PDF so a printed gap table
looks like the one the room saw. Okabe-Ito colours: distinguishable with every common
colour-vision deficiency and on a washed-out projector."""

from __future__ import annotations

from ..i18n import N_

MARKETING = "#D55E00"  # vermillion: marketing series on radar charts
IT = "#0072B2"  # blue: IT series
GRID = "#9aa5b1"
INK = "#1f2933"
MUTED = "#4a5560"

MARKETING_HIGHER = "#E69F00"  # orange: marketing rates the organisation higher
IT_HIGHER = "#56B4E9"  # sky blue: IT rates it higher
AMBITION = "#009E73"  # bluish green: target above today
DONT_KNOW = "#CC79A7"  # reddish purple

FULL_COLOUR_AT = 2.0  # a gap of two levels gets the full colour
FULL_DONT_KNOW_AT = 50.0  # percent

# Shown beside the colours as tr(LEGEND); its figures are FULL_COLOUR_AT and FULL_DONT_KNOW_AT.
LEGEND = N_("Perception gap = marketing − IT: orange where marketing rates the organisation "
            "higher, blue where IT does. Ambition gap = target − today: green. Don't know: "
            "purple. Colour deepens with size, full at 2 levels (50% for don't know).")


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def tint(colour: str, strength: float) -> str:
    """``colour`` blended onto white as '#rrggbb': 0 is white, 1 is nearly the full colour
    (capped so black text stays readable on it)."""
    strength = max(0.0, min(1.0, strength)) * 0.85
    return "#" + "".join(f"{round(255 + (c - 255) * strength):02x}" for c in rgb(colour))


def perception_fill(gap: float | None) -> str | None:
    if gap is None:
        return None
    return tint(MARKETING_HIGHER if gap > 0 else IT_HIGHER, abs(gap) / FULL_COLOUR_AT)


def ambition_fill(gap: float | None) -> str | None:
    if gap is None:
        return None
    return tint(AMBITION, max(0.0, gap) / FULL_COLOUR_AT)


def dont_know_fill(share: float | None) -> str | None:
    if not share:
        return None
    return tint(DONT_KNOW, share / FULL_DONT_KNOW_AT)
