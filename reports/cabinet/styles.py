"""House styles of cabinet papers, as data: which front matter a paper opens with, which sections
its body prints and in what order and under what headings, and where its implications go.

The drafting and the data are shared by every style; a style only lays them out. Leicester's is
today's layout (seeds 002, 003); Derby's follows seed 001 (RECOMMENDATION / REASON FOR
RECOMMENDATION / SUPPORTING INFORMATION, no wards box, no decision-status table, the
implications as Appendix 1); the scrutiny style opens with the box a scrutiny committee's
papers carry (TITLE, RECOMMENDATIONS, BACKGROUND DOCUMENTS, CONTACT OFFICER, WARD(S), KEY
COUNCIL POLICIES). The PDF and the Word document both read a style from here, through
reports.cabinet.layout, so the two always agree.
"""

from dataclasses import dataclass, field

from reports.models import CabinetReport
from reports.models_styles import HouseStyle

# Front matter kinds: how the paper opens.
BOXES = "boxes"  # Leicester: WARDS AFFECTED | FORWARD TIMETABLE OF MEETINGS, title, "Report of"
LINES = "lines"  # Derby: COUNCIL / MEETING / DATE lines, "Report of", title
SCRUTINY_BOX = "scrutiny_box"  # a table of TITLE, RECOMMENDATIONS, … at the top

# Where the implications (financial, legal, personnel, other) go.
IN_BODY = "body"
AS_APPENDIX = "appendix"

IMPLICATION_KEYS = ("financial", "legal", "personnel", "other_implications")
# The key the implications appendix is numbered under, before the chosen appendices.
IMPLICATIONS_APPENDIX = "implications"


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    hint: str
    front_matter: str
    implications: str = IN_BODY
    decision_status: bool = True
    upper_case_headings: bool = False
    # Headings the style gives the drafted sections, where they differ from the drafting's own.
    headings: dict[str, str] = field(default_factory=dict)
    # Sections the style prints in its front box instead of in the body.
    in_front_box: tuple[str, ...] = ()
    # Where the style prints the drafted sections; keys it does not name keep their place after.
    order: tuple[str, ...] = ()
    default_meeting_name: str = "Cabinet"


LEICESTER = Style(
    key=HouseStyle.LEICESTER,
    label="Leicester style",
    hint="Wards affected and the forward timetable of meetings in two boxes, numbered sections, "
    "the other implications as a table and the decision status at the end (seeds of 2003 and "
    "2009).",
    front_matter=BOXES,
)

DERBY = Style(
    key=HouseStyle.DERBY,
    label="Derby style",
    hint="The council, the meeting and its date at the top; Recommendation, Reason for "
    "recommendation and Supporting information; the implications as Appendix 1; no wards box "
    "and no decision-status table.",
    front_matter=LINES,
    implications=AS_APPENDIX,
    decision_status=False,
    upper_case_headings=True,
    headings={
        "recommendations": "Recommendation",
        "summary": "Reason for recommendation",
        "findings": "Supporting information",
        "comments": "Comments",
        "other_implications": "Other implications",
    },
    order=("purpose", "recommendations", "summary", "findings", "comments", "options"),
    default_meeting_name="Council Cabinet",
)

SCRUTINY = Style(
    key=HouseStyle.SCRUTINY,
    label="Scrutiny committee style",
    hint="A box at the top with the title, recommendations, background documents, contact "
    "officer, wards and key council policies; the body follows with the implications at its end.",
    front_matter=SCRUTINY_BOX,
    decision_status=False,
    in_front_box=("recommendations", "background", "authors"),
    default_meeting_name="Scrutiny Committee",
)

STYLES: dict[str, Style] = {style.key: style for style in (LEICESTER, DERBY, SCRUTINY)}


def style_named(key: str | None) -> Style:
    """The style of that name; an unknown or missing name gets today's layout."""
    return STYLES.get(key or "", LEICESTER)


def ordered_keys(style: Style, keys: list[str]) -> list[str]:
    """The report's section keys in the order the style prints them: the style's named keys
    first, as the style orders them, then the others in the report's own order."""
    named = [key for key in style.order if key in keys]
    return named + [key for key in keys if key not in named]


def printed_appendices(report: CabinetReport) -> list[str]:
    """The appendices as numbered: the implications first where the report's style puts them
    there (Derby's "Appendix one Implications"), then the chosen ones."""
    chosen = report.appendix_list()
    if style_named(report.house_style).implications == AS_APPENDIX:
        return [IMPLICATIONS_APPENDIX, *chosen]
    return chosen
