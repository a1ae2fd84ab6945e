"""The national picture over time (reports.national.trend), worked out from the overview's rows."""

import datetime

import pytest
from django.utils import timezone

from climbie_audit.models import CouncilRef
from reports.national.rules import CouncilRow
from reports.national.trend import national_trend, quarter_end


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (datetime.date(2003, 4, 1), datetime.date(2003, 6, 30)),
        (datetime.date(2003, 6, 30), datetime.date(2003, 6, 30)),
        (datetime.date(2003, 12, 31), datetime.date(2003, 12, 31)),
        (datetime.date(2004, 2, 29), datetime.date(2004, 3, 31)),
    ],
)
def test_quarter_end(day, end):
    assert quarter_end(day) == end


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


class Standard:  # what the trend reads of a standard
    def __init__(self, number):
        self.number = number


def row(name, versions, judgements):
    council = CouncilRef(len(name), name[:3], name, "Region")
    result = CouncilRow(council, "evaluated", 1, None, None, None)
    result.version_history = versions
    result.judgement_history = judgements
    return result


def test_each_quarter_counts_the_latest_version_and_evaluation_by_then():
    rows = [
        row(
            "Leeds",
            [(at(2003, 4, 29), {1: {1: 0, 2: 1, 3: 2, 4: 1}}), (at(2004, 1, 10), {1: {4: 4}})],
            [(at(2003, 5, 6), {1: "some"})],
        ),
        row("Bath", [(at(2003, 5, 2), {1: {1: 2, 2: 2}})], []),
    ]
    trend = national_trend(rows, [Standard(1)], datetime.date(2004, 2, 1))
    # Quarters with news (none from July to December 2003), then the as-at date: the quarter
    # of Leeds's second version ends after it.
    assert [p.on for p in trend.points] == [datetime.date(2003, 6, 30), datetime.date(2004, 2, 1)]
    first, last = trend.points
    assert first.councils_submitted == 2
    assert first.standards[1].cell == "38% rated 3–4; SSI: 0 of 1 favourable"  # 3 of 8
    assert last.standards[1].cell == "50% rated 3–4; SSI: 0 of 1 favourable"  # Leeds v2: 4 of 4
    assert last.all_counts == [2, 2, 0, 4]
    # Before anything was submitted there is nothing to show.
    assert national_trend(rows, [Standard(1)], datetime.date(2003, 3, 1)).points[0].standards[
        1
    ].cell == ("Not rated; SSI: not judged")
