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

from dataclasses import dataclass, field
from io import BytesIO

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


@dataclass
class Chart:
    """A horizontal bar chart: one row per label; one series (plain bars) or several
    (stacked segments, with a legend)."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[int]]]
    axis: str
    alt: str
    #: The largest value the axis shows (e.g. M in "raised at N of M"); default: the data's.
    maximum: int | None = None
    caption: str = field(default="")

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1


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


def render_png(chart: Chart) -> bytes:
    """The chart as a PNG, 16 cm wide at 200 dpi (fits A4 portrait between margins)."""
    from PIL import Image, ImageDraw

    font, small = _font(30), _font(26)
    width = round(WIDTH_CM * PX_PER_CM)
    line = 36
    row = 2 * line + 22
    label_width = int(width * (0.36 if not chart.stacked else 0.16))
    left, right, top = label_width + 24, width - 90, 20
    # Legend (stacked only): a swatch and the series name each, wrapped to the width.
    x: float  # the legend's, then each bar's left edge
    places, x, y = [], 20, top
    for name, _values in chart.series if chart.stacked else []:
        item = 34 + int(small.getlength(name)) + 30
        if x + item > width - 20 and x > 20:
            x, y = 20, y + line + 12
        places.append((x, y))
        x += item
    legend = (y - top + line + 24) if places else 0
    rows = len(chart.labels)
    height = top + legend + rows * row + 90
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    totals = [sum(values[i] for _, values in chart.series) for i in range(rows)]
    maximum = max([chart.maximum or 0, *totals, 1])
    scale = (right - left) / maximum
    for index, ((name, _values), (x, y)) in enumerate(zip(chart.series, places, strict=False)):
        fill, _ = SHADES[index % len(SHADES)]
        draw.rectangle([x, y + 6, x + 26, y + 32], fill=fill, outline=INK, width=2)
        if index == 2:
            for hx in range(x + 6, x + 24, 8):
                draw.line([hx, y + 8, hx, y + 30], fill=(110, 110, 110), width=3)
        draw.text((x + 34, y + 2), name, font=small, fill=INK)
    plot_top = top + legend
    # Grid lines and the axis's numbers.
    step = max(1, round(maximum / 5))
    for value in range(0, maximum + 1, step):
        gx = left + value * scale
        draw.line([gx, plot_top, gx, plot_top + rows * row], fill=GRID, width=2)
        text = str(value)
        draw.text((gx - small.getlength(text) / 2, plot_top + rows * row + 8), text, font=small, fill=INK)
    axis = chart.axis
    draw.text((left + (right - left - small.getlength(axis)) / 2, plot_top + rows * row + 46), axis,
              font=small, fill=INK)
    for index, label in enumerate(chart.labels):
        y = plot_top + index * row
        wrapped = _wrap(label, font, label_width - 10)
        ty = y + (row - len(wrapped) * line) / 2
        for text_line in wrapped:
            draw.text((label_width - font.getlength(text_line), ty), text_line, font=font, fill=INK)
            ty += line
        x = left
        bar_top, bar_bottom = y + 12, y + row - 12
        for number, (_name, values) in enumerate(chart.series):
            value = values[index]
            if value <= 0:
                continue
            fill, ink = SHADES[number % len(SHADES)] if chart.stacked else (INK, PAPER)
            end = x + value * scale
            draw.rectangle([x, bar_top, end, bar_bottom], fill=fill, outline=INK, width=2)
            if chart.stacked and number == 2:  # stripes, so two mid greys never look alike
                for hx in range(int(x) + 8, int(end) - 2, 12):
                    draw.line([hx, bar_top + 2, hx, bar_bottom - 2], fill=(110, 110, 110), width=3)
            text = str(value)
            if chart.stacked and small.getlength(text) + 12 < end - x:
                draw.rectangle([(x + end) / 2 - small.getlength(text) / 2 - 4, (bar_top + bar_bottom) / 2 - 16,
                                (x + end) / 2 + small.getlength(text) / 2 + 4, (bar_top + bar_bottom) / 2 + 16],
                               fill=fill)
                draw.text(((x + end) / 2 - small.getlength(text) / 2, (bar_top + bar_bottom) / 2 - 15),
                          text, font=small, fill=ink)
            x = end
        total = str(totals[index])
        draw.text((x + 10, y + (row - line) / 2), total, font=font, fill=INK)
    draw.line([left, plot_top, left, plot_top + rows * row], fill=INK, width=3)
    out = BytesIO()
    image.save(out, format="PNG", dpi=(200, 200))
    return out.getvalue()


def size_cm(png: bytes) -> tuple[float, float]:
    """Width and height the picture takes on the page."""
    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        return image.width / PX_PER_CM, image.height / PX_PER_CM
