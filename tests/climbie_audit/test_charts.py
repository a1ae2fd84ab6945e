"""The SVG charts: accessible, CSP-safe, escaped, and usable in WeasyPrint PDFs."""

import io
import re
from xml.etree import ElementTree

from climbie_audit import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(str(svg))


def stacked():
    return charts.stacked_bar_chart(
        "ratings",
        "Ratings by standard",
        [("Standard 1", [1, 2, 3, 4]), ("Standard 2", [0, 0, 0, 15]), ("Standard 3", [0, 0, 0, 0])],
        charts.rating_series(),
    )


def test_charts_are_named_and_described_images():
    root = parse(stacked())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "ratings-title ratings-desc"
    assert root.find(f"{SVG}title").get("id") == "ratings-title"
    assert root.find(f"{SVG}title").text == "Ratings by standard"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == "ratings-desc"
    assert desc.text.startswith(
        "Standard 1: rated 1 1, rated 2 2, rated 3 3, rated 4 4 (total 10). "
        "Standard 2: rated 1 0, rated 2 0, rated 3 0, rated 4 15 (total 15)."
    )


def test_no_inline_styles_for_the_content_security_policy():
    for svg in (stacked(), charts.bar_chart("b", "Bars", [charts.Bar("All", 3)])):
        assert "style" not in str(svg)
        for element in parse(svg).iter():
            assert "style" not in element.attrib


def test_segments_are_shares_of_each_row_and_carry_their_figures():
    root = parse(stacked())
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("height") == str(charts.BAR_HEIGHT)]
    # Row 1 has four segments, row 2 one, row 3 (nothing rated) none.
    assert len(rects) == 5
    row_one = rects[:4]
    widths = [float(r.get("width")) for r in row_one]
    assert abs(widths[3] / sum(widths) - 0.4) < 0.01
    full = float(rects[4].get("width"))
    assert abs(sum(widths) - full) < 0.5  # both rows run the full length
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "15" in labels and "Rated 4" in labels and "0" in labels  # the empty row's total


def test_bar_chart_values_and_description():
    svg = charts.bar_chart(
        "judgements", "Serving children well?", [charts.Bar("Most", 40), charts.Bar("None", 0)]
    )
    root = parse(svg)
    assert root.find(f"{SVG}desc").text == "Most: 40; None: 0."
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Most", "40", "None", "0"]
    bars = [r for r in root.iter(f"{SVG}rect")]
    assert len(bars) == 1  # a zero bar draws nothing but its figure


def test_text_is_escaped():
    svg = charts.bar_chart("x", 'Judged "<b>Some</b>" & more', [charts.Bar("<script>", 1)])
    assert "<script>" not in str(svg) and "<b>" not in str(svg)
    assert "&lt;script&gt;" in str(svg)
    parse(svg)  # still well-formed


def test_bar_colours_have_enough_contrast_for_white_figures():
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in [*charts.RATING_COLOURS.values(), charts.BLUE]:
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour


def test_weasyprint_renders_the_chart_into_a_pdf():
    from pypdf import PdfReader
    from weasyprint import HTML

    html = f"<html lang='en'><head><title>Chart</title></head><body>{stacked()}</body></html>"
    pdf = HTML(string=html).write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Standard 1" in text and "Rated 4" in text
    assert re.search(r"\b15\b", text)
