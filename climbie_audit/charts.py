"""Small server-rendered SVG charts: readable without JavaScript, reusable in WeasyPrint PDFs.

Each chart is an inline <svg role="img"> named by its <title> and described by a <desc> that
reads out every figure; pages also put the same figures in a table beneath (the text
alternative people can navigate and copy). The site's Content-Security-Policy allows no inline
styles, so the charts use SVG presentation attributes (fill, font-size) only: no style
attribute and no <style> element. Colours come from the GOV.UK palette; every bar colour has at
least 4.5:1 contrast with white, so the white figures drawn on bars are readable and the bars
stand out from the page (WCAG 1.4.11). Bars carry their figures as text and a legend names each
colour, so nothing depends on colour alone.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

TEXT = "#0b0c0c"
AXIS = "#505a5f"
WHITE = "#ffffff"
FONT = "Arial, Helvetica, sans-serif"
BLUE = "#1d70b8"

# The 4-point self-rating scale, 1 (not in place) to 4 (in place, evidenced by monitoring).
RATING_COLOURS = {1: "#d4351c", 2: "#912b88", 3: BLUE, 4: "#00703c"}

ROW_HEIGHT = 30
BAR_HEIGHT = 20
FONT_SIZE = 14
SMALL_FONT_SIZE = 13
GAP = 8
LEGEND_HEIGHT = 30
MIN_LABELLED_SEGMENT = 28  # narrower segments leave their figure to the description and table


@dataclass
class Bar:
    label: str
    value: int | float
    colour: str = BLUE


@dataclass
class Series:
    name: str
    colour: str


def _attrs(**attributes: object) -> str:
    """SVG attributes from keyword arguments: font_size="14" becomes font-size="14"."""
    return " ".join(
        f'{name.replace("_", "-")}="{escape(str(value), quote=True)}"'
        for name, value in attributes.items()
    )


def _element(name: str, text: str | None = None, **attributes: object) -> str:
    if text is None:
        return f"<{name} {_attrs(**attributes)}/>"
    return f"<{name} {_attrs(**attributes)}>{escape(text)}</{name}>"


def _svg(
    chart_id: str, title: str, description: str, width: int, height: int, body: list[str]
) -> SafeString:
    # aria-labelledby on the title and desc gives the image its accessible name and description.
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f"{_attrs(id=chart_id, role='img', width='100%')} "
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
        f"{_attrs(font_family=FONT, font_size=FONT_SIZE, fill=TEXT)}>"
    )
    parts = [
        opening,
        _element("title", title, id=f"{chart_id}-title"),
        _element("desc", description, id=f"{chart_id}-desc"),
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # every text and attribute above is escaped


def _number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _baseline(y: float, size: int = FONT_SIZE) -> float:
    # Text sits on its baseline; this centres it on a bar without dominant-baseline, which
    # WeasyPrint does not support.
    return round(y + BAR_HEIGHT / 2 + size * 0.35, 1)


def bar_chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    *,
    unit: str = "",
    description: str = "",
    width: int = 640,
    label_width: int = 210,
) -> SafeString:
    """Horizontal bars, one per category, each with its figure at its end."""
    value_width = 60
    top = max([bar.value for bar in bars], default=0) or 1
    plot_width = width - label_width - value_width
    height = ROW_HEIGHT * max(len(bars), 1) + 10
    body = [_element("line", x1=label_width, y1=0, x2=label_width, y2=height - 5, stroke=AXIS)]
    for index, bar in enumerate(bars):
        y = 5 + index * ROW_HEIGHT
        length = round(plot_width * bar.value / top, 1)
        body.append(
            _element("text", bar.label, x=label_width - GAP, y=_baseline(y), text_anchor="end")
        )
        if length > 0:
            body.append(
                _element(
                    "rect", x=label_width, y=y, width=length, height=BAR_HEIGHT, fill=bar.colour
                )
            )
        body.append(
            _element(
                "text",
                f"{_number(bar.value)}{unit}",
                x=round(label_width + length + GAP, 1),
                y=_baseline(y),
            )
        )
    if not description:
        description = "; ".join(f"{bar.label}: {_number(bar.value)}{unit}" for bar in bars) + "."
    return _svg(chart_id, title, description, width, height, body)


def stacked_bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, list[int]]],
    series: list[Series],
    *,
    description: str = "",
    width: int = 640,
    label_width: int = 110,
) -> SafeString:
    """One full-length bar per row, split into the series' shares of the row's total, with the
    total at its end and a legend above. Bars show shares, so rows of different sizes (a
    standard with 15 criteria beside one with 4) compare fairly; the figures are printed on
    the segments wide enough to hold them."""
    total_width = 60
    plot_width = width - label_width - total_width
    height = LEGEND_HEIGHT + ROW_HEIGHT * max(len(rows), 1) + 10
    body = [_legend(series, label_width)]
    body.append(
        _element(
            "line", x1=label_width, y1=LEGEND_HEIGHT, x2=label_width, y2=height - 5, stroke=AXIS
        )
    )
    for index, (label, values) in enumerate(rows):
        y = LEGEND_HEIGHT + 5 + index * ROW_HEIGHT
        body.append(_element("text", label, x=label_width - GAP, y=_baseline(y), text_anchor="end"))
        total = sum(values)
        x = float(label_width)
        for value, part in zip(values, series, strict=True):
            if not value:
                continue
            length = plot_width * value / total
            body.append(
                _element(
                    "rect",
                    x=round(x, 1),
                    y=y,
                    width=round(length, 1),
                    height=BAR_HEIGHT,
                    fill=part.colour,
                    stroke=WHITE,
                    stroke_width=1,
                )
            )
            if length >= MIN_LABELLED_SEGMENT:
                body.append(
                    _element(
                        "text",
                        str(value),
                        x=round(x + length / 2, 1),
                        y=_baseline(y, SMALL_FONT_SIZE),
                        text_anchor="middle",
                        fill=WHITE,
                        font_size=SMALL_FONT_SIZE,
                        font_weight="bold",
                    )
                )
            x += length
        body.append(_element("text", str(total), x=width - total_width + GAP, y=_baseline(y)))
    if not description:
        description = (
            " ".join(
                f"{label}: "
                + ", ".join(
                    f"{part.name.lower()} {value}"
                    for value, part in zip(values, series, strict=True)
                )
                + f" (total {sum(values)})."
                for label, values in rows
            )
            or "No figures yet."
        )
    return _svg(chart_id, title, description, width, height, body)


def _legend(series: list[Series], x: int) -> str:
    items = []
    for part in series:
        items.append(_element("rect", x=x, y=6, width=14, height=14, fill=part.colour))
        items.append(_element("text", part.name, x=x + 20, y=18, font_size=SMALL_FONT_SIZE))
        x += 28 + 7 * len(part.name)
    return "<g>" + "".join(items) + "</g>"


def rating_series() -> list[Series]:
    return [Series(f"Rated {level}", colour) for level, colour in RATING_COLOURS.items()]
