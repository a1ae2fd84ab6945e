"""The disagreement rule (reports.national.disagreements), on its edges: "mostly" is more than
half of the rated criteria, the halves of the scale are 1-2 and 3-4, and each judgement scale
splits into a favourable and an unfavourable half."""

import pytest

from climbie_audit.models import CouncilRef
from reports.national.disagreements import (
    HIGHER,
    LOWER,
    disagreement,
    disagreement_size,
    filtered,
    mostly,
    ranked,
    standard_disagreements,
)

UNFAVOURABLE = ("some", "none", "uncertain", "poor")
FAVOURABLE = ("all", "most", "excellent", "promising")


@pytest.mark.parametrize(
    ("counts", "levels", "expected"),
    [
        ({4: 4, 3: 3}, (4,), True),  # 4 of 7: more than half
        ({4: 3, 3: 3}, (4,), False),  # exactly half is not "mostly"
        ({4: 1}, (4,), True),
        ({}, (4,), False),  # nothing rated: mostly nothing
        ({1: 0, 2: 0, 3: 0, 4: 0}, (4,), False),
        ({1: 2, 2: 2, 4: 3}, (1, 2), True),  # 4 of 7 rated 1 or 2
        ({1: 1, 2: 2, 3: 1, 4: 2}, (1, 2), False),  # 3 of 6
        ({3: 4, 1: 3}, (3, 4), True),  # 4 of 7 rated 3 or 4
    ],
)
def test_mostly(counts, levels, expected):
    assert mostly(counts, levels) is expected


@pytest.mark.parametrize("judgement", UNFAVOURABLE)
@pytest.mark.parametrize(
    "counts",
    [
        {3: 5, 4: 2},  # mostly 3: the case the issue found missing (101 in the national demo)
        {3: 7},  # every criterion rated 3
        {4: 1},  # one criterion rated, a 4
        {3: 2, 4: 2, 1: 3},  # 4 of 7 in the upper half: just more than half
    ],
)
def test_mostly_three_or_four_against_an_unfavourable_judgement_is_higher(counts, judgement):
    assert disagreement(counts, judgement) == HIGHER


@pytest.mark.parametrize("judgement", FAVOURABLE)
@pytest.mark.parametrize("counts", [{1: 2, 2: 3, 4: 1}, {2: 7}, {1: 1}, {1: 2, 2: 2, 3: 3}])
def test_mostly_one_or_two_against_a_favourable_judgement_is_lower(counts, judgement):
    assert disagreement(counts, judgement) == LOWER


@pytest.mark.parametrize(
    ("counts", "judgement"),
    [
        ({3: 5, 4: 2}, "most"),  # agrees
        ({3: 5, 4: 2}, "promising"),
        ({1: 5, 2: 2}, "some"),  # agrees the other way
        ({1: 5, 2: 2}, "poor"),
        ({3: 3, 4: 1, 1: 2, 2: 2}, "none"),  # 4 of 8: exactly half is not mostly
        ({1: 2, 2: 2, 3: 4}, "all"),
        ({}, "none"),  # nothing rated
        ({}, "all"),
        ({4: 5}, ""),  # not judged
        ({1: 5}, ""),
        ({4: 5}, "unknown"),  # not a judgement of either scale
    ],
)
def test_no_disagreement(counts, judgement):
    assert disagreement(counts, judgement) is None


def test_size_counts_how_far_each_rating_leans_and_doubles_for_an_extreme_judgement():
    assert disagreement_size({3: 7}, "some", HIGHER) == 7
    assert disagreement_size({4: 7}, "some", HIGHER) == 14
    assert disagreement_size({4: 7}, "none", HIGHER) == 28
    assert disagreement_size({3: 4, 1: 3}, "uncertain", HIGHER) == 4 - 6
    assert disagreement_size({1: 3, 2: 1}, "most", LOWER) == 7
    assert disagreement_size({1: 3, 2: 1}, "all", LOWER) == 14


LEEDS = CouncilRef(1, "383", "Leeds", "Yorkshire")
BATH = CouncilRef(2, "800", "Bath", "South West")


def test_standard_disagreements_ranks_largest_first_and_filters():
    counts = {1: {3: 6}, 2: {4: 6}, 3: {1: 6}, 4: {3: 3, 2: 3}}
    judgements = [(1, "some"), (2, "none"), (3, "most"), (4, "poor"), (5, "none")]
    titles = {n: f"Standard {n}" for n in range(1, 8)}
    found = standard_disagreements(LEEDS, 2, counts, judgements, titles)
    # Standard 4 is split evenly; standard 5 has nothing rated.
    assert [(d.standard_number, d.direction, d.size) for d in found] == [
        (2, HIGHER, 24),
        (3, LOWER, 12),
        (1, HIGHER, 6),
    ]
    assert found[0].evaluated_version == 2
    assert found[0].self_rating == "0 rated 1, 0 rated 2, 0 rated 3, 6 rated 4 (of 6)"
    assert found[0].cells()[:4] == ["Leeds", "383", "2: Standard 2", "Version 2"]
    assert [d.standard_number for d in filtered(found, direction=LOWER)] == [3]
    assert [d.standard_number for d in filtered(found, standard=1)] == [1]
    other = standard_disagreements(BATH, 1, {1: {3: 6}}, [(1, "some")], titles)
    # Equal sizes: by council name, then standard.
    assert [(d.council.name, d.standard_number) for d in ranked(found + other)][2:] == [
        ("Bath", 1),
        ("Leeds", 1),
    ]
