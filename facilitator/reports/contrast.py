"""Colour contrast of a Word document's styles (WCAG 2.1 AA: at least 4.5:1 for text).

A style's colour is either a plain ``w:val`` or a theme colour (``w:themeColor``,
optionally shaded or tinted), which Word takes from the document's theme part and
not from ``w:val``; both are resolved here the way Word does, so the figure is the
one a reader sees. Used by the template loader (to make the styles it adds readable)
and by the tests (every used style and every table header of the report).
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

WCAG_AA = 4.5
WHITE, BLACK = "FFFFFF", "000000"

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: Word's names for theme colours (w:themeColor) -> the theme part's slots.
_THEME_SLOTS = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
    "text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
    "accent4": "accent4", "accent5": "accent5", "accent6": "accent6",
    "hyperlink": "hlink", "followedHyperlink": "folHlink",
}


def luminance(colour: str) -> float:
    """WCAG relative luminance of an ``RRGGBB`` colour."""
    channels = []
    for i in (0, 2, 4):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _hex(r: float, g: float, b: float) -> str:
    return "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (r, g, b))


def _rgb(colour: str) -> tuple[float, float, float]:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def darken_until_readable(colour: str, against: str = WHITE, ratio: float = WCAG_AA) -> str:
    """``colour`` with its lightness lowered (hue kept) until it reaches ``ratio`` against
    ``against``; unchanged if it already does."""
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(colour))
    current = colour
    while contrast_ratio(current, against) < ratio and lightness > 0:
        lightness = max(0.0, lightness - 0.02)
        current = _hex(*colorsys.hls_to_rgb(h, lightness, s))
    return current


def theme_colours(document: Document) -> dict[str, str]:
    """The theme's colour slots (``accent1`` ... ``dk1``) as ``RRGGBB``; {} without a theme."""
    try:
        theme = document.part.part_related_by(RT.THEME)
    except KeyError:
        return {}
    root = etree.fromstring(theme.blob)
    colours = {}
    for scheme in root.iter(f"{{{_A}}}clrScheme"):
        for slot in scheme:
            name = etree.QName(slot).localname
            for value in slot:
                kind = etree.QName(value).localname
                if kind == "srgbClr":
                    colours[name] = value.get("val", "").upper()
                elif kind == "sysClr":
                    colours[name] = value.get("lastClr", "").upper() or (
                        BLACK if value.get("val") == "windowText" else WHITE
                    )
        break
    return colours


def _apply_shade_tint(colour: str, shade: str | None, tint: str | None) -> str:
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(colour))
    if shade:
        lightness *= int(shade, 16) / 255
    if tint:
        t = int(tint, 16) / 255
        lightness = lightness * t + (1 - t)
    return _hex(*colorsys.hls_to_rgb(h, lightness, s))


def resolve(element, theme: dict[str, str], *, value="w:val", theme_attr="w:themeColor",
            shade="w:themeShade", tint="w:themeTint") -> str | None:
    """The colour of a ``w:color`` (or, with other attribute names, a ``w:shd``) as Word
    shows it; None for "auto"."""
    slot = _THEME_SLOTS.get(element.get(qn(theme_attr)) or "")
    if slot and slot in theme:
        return _apply_shade_tint(theme[slot], element.get(qn(shade)), element.get(qn(tint)))
    colour = (element.get(qn(value)) or "auto").upper()
    return None if colour == "AUTO" or len(colour) != 6 else colour


def resolve_fill(shd, theme: dict[str, str]) -> str | None:
    return resolve(shd, theme, value="w:fill", theme_attr="w:themeFill",
                   shade="w:themeFillShade", tint="w:themeFillTint")


def _style_element(document: Document, style_id: str):
    found = document.styles.element.xpath(f'./w:style[@w:styleId="{style_id}"]')
    return found[0] if found else None


def style_colour(document: Document, style, theme: dict[str, str] | None = None) -> str:
    """The text colour a paragraph or character style gives (following ``basedOn``, then
    the document defaults); black for "auto"."""
    theme = theme_colours(document) if theme is None else theme
    element, seen = style.element, set()
    while element is not None and element.get(qn("w:styleId")) not in seen:
        seen.add(element.get(qn("w:styleId")))
        colours = element.xpath("./w:rPr/w:color")
        if colours:
            return resolve(colours[0], theme) or BLACK
        based = element.xpath("./w:basedOn/@w:val")
        element = _style_element(document, based[0]) if based else None
    defaults = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:color")
    return (resolve(defaults[0], theme) if defaults else None) or BLACK


@dataclass(frozen=True)
class HeaderColours:
    text: str
    fill: str


def table_header_colours(document: Document, style, theme: dict[str, str] | None = None) -> HeaderColours:
    """Text and fill of a table style's header row (``firstRow``), as a reader sees them."""
    theme = theme_colours(document) if theme is None else theme
    text, fill = style_colour(document, style, theme), WHITE
    first = style.element.xpath('./w:tblStylePr[@w:type="firstRow"]')
    if first:
        colour = first[0].find(f"{qn('w:rPr')}/{qn('w:color')}")
        if colour is not None:
            text = resolve(colour, theme) or BLACK
        shading = first[0].find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        if shading is not None:
            fill = resolve_fill(shading, theme) or WHITE
    return HeaderColours(text, fill)
