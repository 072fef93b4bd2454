"""Bar charts for the Summary of Results, drawn headless as PNG images with Pillow.

Why Pillow and not matplotlib: the report needs two kinds of plain horizontal bar
chart. Pillow draws them in a few milliseconds, imports in about 0.03 s and adds
about 10 MB to the bundle; matplotlib needs numpy, fontTools and more (about 170 MB
installed, 0.5-0.7 s to import on a council laptop) for the same two pictures.
Pillow is imported only here, and this module only when a report with charts is
written, so starting the app never pays for it.

Readable in greyscale and for colour-blind readers: bars are dark grey, stacked
segments are four clearly different greys (with a hatch on one), and every bar
and segment carries its number. Each chart comes with alt text that says the
same figures in words, and the same figures are in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.reports.model import ChartSpec  # what a chart shows, drawn here

#: Pixels per centimetre at 200 dpi: sharp in print, small in the file.
PX_PER_CM = 200 / 2.54
WIDTH_CM = 16.0  # A4 portrait with 2.5 cm margins
INK, GRID, PAPER = (26, 26, 26), (200, 200, 200), (255, 255, 255)
#: Segment fills (stacked bars), far apart in lightness, and the text colour on each.
SHADES = [((26, 26, 26), PAPER), ((96, 96, 96), PAPER), ((160, 160, 160), INK), ((222, 222, 222), INK),
          ((255, 255, 255), INK)]
FONT_FILES = (
    "arial.ttf", "Arial.ttf", "LiberationSans-Regular.ttf", "DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Helvetica.ttc",
)


def _font(size: int):
    from PIL import ImageFont

    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(text: str, font, width: float, lines: int = 2) -> list[str]:
    words, result, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width or not current:
            current = trial
        else:
            result.append(current)
            current = word
    result.append(current)
    if len(result) > lines:
        result = result[:lines]
        last = result[-1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        result[-1] = last.rstrip() + "…"
    return result


#: Layout in pixels: a text line, a bar's row (two lines of label and room around), the top
#: margin.
LINE = 36
ROW = 2 * LINE + 22
TOP = 20


@dataclass
class _Plot:
    """Where the bars go: label column, bar area, first row's top, scale (pixels a unit)."""

    label_width: int
    left: int
    right: int
    top: int
    rows: int
    maximum: int
    scale: float

    @property
    def bottom(self) -> int:
        return self.top + self.rows * ROW


def render_png(chart: ChartSpec) -> bytes:
    """The chart as a PNG, 16 cm wide at 200 dpi (fits A4 portrait between margins)."""
    from PIL import Image, ImageDraw

    font, small = _font(30), _font(26)
    width = round(WIDTH_CM * PX_PER_CM)
    places, legend = _legend_places(chart, small, width)
    rows = len(chart.labels)
    height = TOP + legend + rows * ROW + 90
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    totals = [sum(values[i] for _, values in chart.series) for i in range(rows)]
    maximum = max([chart.maximum or 0, *totals, 1])
    label_width = int(width * (0.36 if not chart.stacked else 0.16))
    left, right = label_width + 24, width - 90
    plot = _Plot(label_width, left, right, TOP + legend, rows, maximum,
                 (right - left) / maximum)
    _draw_legend(draw, chart, places, small)
    _draw_grid(draw, chart.axis, plot, small)
    for index, label in enumerate(chart.labels):
        y = plot.top + index * ROW
        _draw_label(draw, label, plot, y, font)
        x = _draw_bars(draw, chart, index, plot, y, small)
        draw.text((x + 10, y + (ROW - LINE) / 2), str(totals[index]), font=font, fill=INK)
    draw.line([left, plot.top, left, plot.bottom], fill=INK, width=3)
    out = BytesIO()
    image.save(out, format="PNG", dpi=(200, 200))
    return out.getvalue()


def _legend_places(chart: ChartSpec, small, width: int) -> tuple[list[tuple[int, int]], int]:
    """Where each series' legend item goes (stacked only: a swatch and the series name
    each, wrapped to the width), and the height the legend takes."""
    places: list[tuple[int, int]] = []
    x, y = 20, TOP
    for name, _values in chart.series if chart.stacked else []:
        item = 34 + int(small.getlength(name)) + 30
        if x + item > width - 20 and x > 20:
            x, y = 20, y + LINE + 12
        places.append((x, y))
        x += item
    legend = (y - TOP + LINE + 24) if places else 0
    return places, legend


def _draw_legend(draw, chart: ChartSpec, places: list[tuple[int, int]], small) -> None:
    for index, ((name, _values), (x, y)) in enumerate(zip(chart.series, places, strict=False)):
        fill, _ = SHADES[index % len(SHADES)]
        draw.rectangle([x, y + 6, x + 26, y + 32], fill=fill, outline=INK, width=2)
        if index == 2:
            for hx in range(x + 6, x + 24, 8):
                draw.line([hx, y + 8, hx, y + 30], fill=(110, 110, 110), width=3)
        draw.text((x + 34, y + 2), name, font=small, fill=INK)


def _draw_grid(draw, axis: str, plot: _Plot, small) -> None:
    """Grid lines, the axis's numbers and its title."""
    step = max(1, round(plot.maximum / 5))
    for value in range(0, plot.maximum + 1, step):
        gx = plot.left + value * plot.scale
        draw.line([gx, plot.top, gx, plot.bottom], fill=GRID, width=2)
        text = str(value)
        draw.text((gx - small.getlength(text) / 2, plot.bottom + 8), text, font=small, fill=INK)
    draw.text((plot.left + (plot.right - plot.left - small.getlength(axis)) / 2, plot.bottom + 46),
              axis, font=small, fill=INK)


def _draw_label(draw, label: str, plot: _Plot, y: int, font) -> None:
    """A row's label, right-aligned against the bars, wrapped to two lines."""
    wrapped = _wrap(label, font, plot.label_width - 10)
    ty = y + (ROW - len(wrapped) * LINE) / 2
    for text_line in wrapped:
        draw.text((plot.label_width - font.getlength(text_line), ty), text_line, font=font,
                  fill=INK)
        ty += LINE


def _draw_bars(draw, chart: ChartSpec, index: int, plot: _Plot, y: int, small) -> float:
    """Row ``index``'s bar (or stacked segments, each with its number); where it ends."""
    x: float = plot.left
    bar_top, bar_bottom = y + 12, y + ROW - 12
    for number, (_name, values) in enumerate(chart.series):
        value = values[index]
        if value <= 0:
            continue
        fill, ink = SHADES[number % len(SHADES)] if chart.stacked else (INK, PAPER)
        end = x + value * plot.scale
        draw.rectangle([x, bar_top, end, bar_bottom], fill=fill, outline=INK, width=2)
        if chart.stacked and number == 2:  # stripes, so two mid greys never look alike
            for hx in range(int(x) + 8, int(end) - 2, 12):
                draw.line([hx, bar_top + 2, hx, bar_bottom - 2], fill=(110, 110, 110), width=3)
        text = str(value)
        if chart.stacked and small.getlength(text) + 12 < end - x:
            middle, half = (x + end) / 2, small.getlength(text) / 2
            draw.rectangle([middle - half - 4, (bar_top + bar_bottom) / 2 - 16,
                            middle + half + 4, (bar_top + bar_bottom) / 2 + 16], fill=fill)
            draw.text((middle - half, (bar_top + bar_bottom) / 2 - 15), text, font=small,
                      fill=ink)
        x = end
    return x


def size_cm(png: bytes) -> tuple[float, float]:
    """Width and height the picture takes on the page."""
    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        return image.width / PX_PER_CM, image.height / PX_PER_CM
