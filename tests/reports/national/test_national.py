"""SSI's national overview: the rules behind it, its filters and sorting, its exports, and a
query count that does not grow with the number of councils."""

import contextlib
import csv
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from climbie_audit.models import User
from demo.national import seed_national
from evaluations.models import Evaluation
from reports.national import rules as national
from reports.national.disagreements import DISAGREEMENT_LABELS, HIGHER
from standards.self_audit import rules as self_audit
from standards.self_audit.status import ReturnStatus
from tests.reports.helpers import table_rows

OVERVIEW = reverse("national:overview")
CSV = reverse("national:csv")
XLSX = reverse("national:xlsx")
COLUMN = {name: index for index, name in enumerate(national.COLUMNS)}


# --- Labels ----------------------------------------------------------------------------------


def test_version_label():
    assert national.version_label(None, None) == ""
    assert national.version_label(None, 1) == "Version 1 (draft)"
    assert national.version_label(2, None) == "Version 2"
    assert national.version_label(1, 2) == "Version 1 (version 2 in draft)"


# --- The page ------------------------------------------------------------------------------------


@pytest.fixture
def seeded(framework):
    seed_national(40, seed=11)


@pytest.fixture
def ssi(client_for, inspector):
    return client_for(inspector)


def rows_on_screen(client, params=None) -> list[list[str]]:
    response = client.get(OVERVIEW, params or {})
    assert response.status_code == 200
    return table_rows(response.content.decode(), "national-table")


def csv_rows(client, params=None) -> list[list[str]]:
    response = client.get(CSV, params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == national.COLUMNS
    return rows[1:]


def test_only_inspectors_and_administrators(
    client_for, officer, director, administrator, framework
):
    for person in (officer, director):
        client = client_for(person)
        assert client.get(OVERVIEW).status_code == 403
        assert client.get(CSV).status_code == 403
        assert client.get(XLSX).status_code == 403
    assert client_for(administrator).get(OVERVIEW).status_code == 200


def test_inspectors_see_the_national_overview_in_the_menu(ssi, framework):
    assert 'href="/national/overview/"' in ssi.get("/framework/").content.decode()


def test_lists_every_council_with_its_status_and_charts(ssi, seeded, council_a, council_b):
    response = ssi.get(OVERVIEW)
    content = response.content.decode()
    rows = table_rows(content, "national-table")
    assert len(rows) == 42  # 40 seeded and the two fixture councils
    statuses = {row[COLUMN["Status"]] for row in rows}
    assert set(ReturnStatus.LABELS.values()) <= statuses
    for chart in ("chart-serving", "chart-capacity", "chart-national-ratings"):
        assert f'id="{chart}" role="img"' in content
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in content
    assert "style=" not in content and "<style" not in content
    serving = table_rows(content, "serving-table")
    assert sum(int(count) for _, count in serving) == 42
    assert [label for label, _ in serving] == ["All", "Most", "Some", "None", "Not yet evaluated"]


def test_drafts_give_no_figures(client_for, inspector, council_a, framework, officer, director):
    from standards.models import AuditReturn
    from tests.standards.helpers import draft_for, fill, submitted_return

    fill(draft_for(council_a, framework, officer), officer, {"1.1": 1})
    row = rows_on_screen(client_for(inspector))[0]
    assert row[COLUMN["Status"]] == "Draft, not yet submitted"
    assert row[COLUMN["Rated 4"]] == ""  # a draft's ratings are the council's own business
    assert row[COLUMN["Version"]] == "Version 1 (draft)"
    AuditReturn.objects.all().delete()
    returned = submitted_return(council_a, framework, officer, director, {"1.1": 1})
    Evaluation.objects.create(
        audit_return=returned, inspector=inspector, overall_serving="some", phase="a"
    )
    row = rows_on_screen(client_for(inspector))[0]
    assert row[COLUMN["Status"]] == "Under evaluation"
    assert row[COLUMN["Serving children well?"]] == "Not yet evaluated"  # a draft's judgement
    assert row[COLUMN["Rated 4"]] == "98%"


def test_filters_by_region_status_and_judgement(ssi, seeded):
    london = rows_on_screen(ssi, {"region": "London"})
    assert london and all(row[COLUMN["Region"]] == "London" for row in london)
    evaluated = rows_on_screen(ssi, {"status": "evaluated"})
    assert evaluated and all(row[COLUMN["Status"]] == "Evaluated" for row in evaluated)
    some = rows_on_screen(ssi, {"judgement": "serving:some"})
    assert all(row[COLUMN["Serving children well?"]] == "Some" for row in some)
    promising = rows_on_screen(ssi, {"judgement": "capacity:promising"})
    assert promising
    assert all(row[COLUMN["Capacity for improvement?"]] == "Promising" for row in promising)
    waiting = rows_on_screen(ssi, {"judgement": "not_evaluated"})
    assert all(row[COLUMN["Serving children well?"]] == "Not yet evaluated" for row in waiting)
    everyone = rows_on_screen(ssi)
    assert len(some) + len(waiting) < len(everyone)
    combined = rows_on_screen(ssi, {"region": "London", "status": "evaluated"})
    assert all(
        row[COLUMN["Region"]] == "London" and row[COLUMN["Status"]] == "Evaluated"
        for row in combined
    )
    # An unknown value drops that filter only.
    assert rows_on_screen(ssi, {"region": "Atlantis", "status": "evaluated"}) == evaluated


def test_sorting(ssi, seeded):
    names = [row[0] for row in rows_on_screen(ssi)]
    assert names == sorted(names)
    overdue = [
        int(row[COLUMN["Actions overdue"]]) for row in rows_on_screen(ssi, {"sort": "-overdue"})
    ]
    assert overdue == sorted(overdue, reverse=True) and overdue[0] > 0
    shares = [row[COLUMN["Rated 4"]] for row in rows_on_screen(ssi, {"sort": "-share_four"})]
    given = [int(s.rstrip("%")) for s in shares if s]
    assert given == sorted(given, reverse=True)
    assert shares[len(given) :] == [""] * (len(shares) - len(given))  # no figures: last
    regions = [row[COLUMN["Region"]] for row in rows_on_screen(ssi, {"sort": "region"})]
    assert regions == sorted(regions)


@pytest.mark.parametrize(
    "params",
    [{}, {"region": "London", "sort": "-overdue"}, {"status": "revising", "sort": "-submitted"}],
)
def test_csv_export_is_exactly_what_is_on_screen(ssi, seeded, params):
    on_screen = rows_on_screen(ssi, params)
    assert on_screen
    assert csv_rows(ssi, params) == on_screen


def test_spreadsheet_export_is_exactly_what_is_on_screen(ssi, seeded):
    params = {"judgement": "serving:most", "sort": "share_four"}
    response = ssi.get(XLSX, params)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert rows[0] == national.COLUMNS
    assert rows[1:] == rows_on_screen(ssi, params)


def test_disagreements_are_listed(ssi, seeded):
    content = ssi.get(OVERVIEW).content.decode()
    rows = table_rows(content, "disagreements")
    assert rows, "seed 11 has councils that rate themselves more kindly than SSI"
    for _council, _standard, ratings, judgement, direction, _size in rows:
        assert ratings.startswith("Version ")
        if direction == DISAGREEMENT_LABELS[HIGHER]:
            assert judgement in ("Some", "None", "Uncertain", "Poor")
        else:
            assert judgement in ("All", "Most", "Excellent", "Promising")


class Rollback(Exception):
    pass


def queries_with(count: int, client) -> tuple[int, int]:
    """(queries, rows) for the overview with `count` seeded councils, then undo the seeding."""
    result = None
    with contextlib.suppress(Rollback), transaction.atomic():
        seed_national(count, seed=3)
        client.get(OVERVIEW)  # warm: the session row and the like
        cache.clear()  # count the queries that build the figures, not a cached copy
        with CaptureQueriesContext(connection) as queries:
            response = client.get(OVERVIEW, {"sort": "-overdue"})
        result = len(queries), len(table_rows(response.content.decode(), "national-table"))
        raise Rollback
    return result


def test_query_count_does_not_grow_with_the_number_of_councils(ssi, framework):
    few, few_rows = queries_with(20, ssi)
    many, many_rows = queries_with(150, ssi)
    # And the inspector's own council; 50 councils a page.
    assert (few_rows, many_rows) == (21, 50)
    assert many == few
    assert many <= 15  # with nothing cached: the immutable figures are counted as well


def test_exports_query_count_does_not_grow_either(ssi, framework):
    counts = []
    for count in (20, 150):
        with contextlib.suppress(Rollback), transaction.atomic():
            seed_national(count, seed=3)
            ssi.get(CSV)
            with CaptureQueriesContext(connection) as queries:
                ssi.get(CSV)
            counts.append(len(queries))
            raise Rollback
    assert counts[0] == counts[1]


# --- Every change shows at once -------------------------------------------------------------


def test_a_completed_action_leaves_the_overdue_count_at_once(ssi, seeded):
    from standards.action_plan import rules as action_plan
    from standards.models import ActionStatus, ImprovementAction

    before = {row[1]: int(row[COLUMN["Actions overdue"]]) for row in rows_on_screen(ssi)}
    code = next(code for code, overdue in before.items() if overdue)
    action = next(
        a
        for a in ImprovementAction.objects.filter(plan__self_audit__council__code=code)
        .exclude(status=ActionStatus.COMPLETE)
        .select_related("criterion__standard__framework")
        if action_plan.is_past_target_date(a, timezone.localdate())
        or action_plan.is_past_laming_deadline(a, timezone.localdate())
    )
    officer = User.objects.get(council__code=code, role="officer")
    action_plan.record_progress(action, officer, action.revision, "Done", ActionStatus.COMPLETE)
    after = {row[1]: int(row[COLUMN["Actions overdue"]]) for row in rows_on_screen(ssi)}
    assert after[code] == before[code] - 1
    assert {c: n for c, n in after.items() if c != code} == {
        c: n for c, n in before.items() if c != code
    }


def test_a_submitted_return_shows_at_once_and_its_ratings_are_counted_once(
    client_for, inspector, council_a, framework, officer, director
):
    from tests.standards.helpers import draft_for, fill

    ssi = client_for(inspector)
    draft = draft_for(council_a, framework, officer)
    fill(draft, officer, {"1.1": 4})
    assert rows_on_screen(ssi)[0][COLUMN["Status"]] == "Draft, not yet submitted"
    self_audit.submit(draft, director, notify=False)
    with CaptureQueriesContext(connection) as first:
        row = rows_on_screen(ssi)[0]
    assert row[COLUMN["Status"]] == "Submitted, awaiting evaluation"
    assert row[COLUMN["Rated 4"]] != ""
    with CaptureQueriesContext(connection) as again:
        assert rows_on_screen(ssi)[0] == row
    # A submitted return never changes: its ratings are counted once and cached by its id.
    assert len(again) == len(first) - 1
