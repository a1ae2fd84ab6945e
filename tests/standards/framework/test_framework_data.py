import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from standards.framework.data import FRAMEWORK_FIXTURES, load_framework
from standards.models import Criterion, Recommendation

# Criterion -> recommendations, transcribed independently from seed 004 for this test.
SEED_004_LINKS = {
    "1.1": [39], "1.2": [19], "1.3": [29], "1.4": [21], "1.5": [93], "1.6": [98], "1.7": [48],
    "2.1": [53], "2.2": [53], "2.3": [53], "2.4": [34], "2.5": [34], "2.6": [18], "2.7": [35],
    "2.8": [22], "2.9": [24], "2.10": [24], "2.11": [25], "2.12": [25], "2.13": [36],
    "2.14": [64], "2.15": [56],
    "3.1": [58], "3.2": [54], "3.3": [55], "3.4": [26, 40], "3.5": [52], "3.6": [61],
    "3.7": [38], "3.8": [23], "3.9": [42], "3.10": [51],
    "4.1": [46], "4.2": [57], "4.3": [59], "4.4": [38],
    "5.1": [20], "5.2": [31], "5.3": [31], "5.4": [37], "5.5": [43],
    "6.1": [60], "6.2": [50], "6.3": [45], "6.4": [44], "6.5": [30],
    "7.1": [27], "7.2": [27], "7.3": [27], "7.4": [30], "7.5": [49], "7.6": [28], "7.7": [41],
    "7.8": [54],
}  # fmt: skip
SIX_MONTHS = {20, 27, 28, 31, 34, 37, 41, 43, 49, 52, 54, 57, 59, 60, 61}


def test_framework_has_54_criteria_and_44_recommendations(framework):
    assert Criterion.objects.filter(standard__framework=framework).count() == 54
    assert framework.recommendations.count() == 44
    assert framework.standards.count() == 7
    assert framework.published_on == datetime.date(2003, 1, 28)
    assert framework.return_due == datetime.date(2003, 4, 30)


def test_criterion_recommendation_links_match_seed_004(framework):
    links = {
        c.code: [r.number for r in c.recommendations.all()]
        for c in Criterion.objects.with_framework_detail().filter(standard__framework=framework)
    }
    assert links == SEED_004_LINKS
    assert sorted({n for numbers in SEED_004_LINKS.values() for n in numbers}) == sorted(
        framework.recommendations.values_list("number", flat=True)
    )


def test_recommendation_53_feeds_three_criteria(framework):
    rec = framework.recommendations.get(number=53)
    assert [c.code for c in rec.criteria.order_by("standard__number", "number")] == [
        "2.1",
        "2.2",
        "2.3",
    ]


def test_timescales(framework):
    timescales = dict(framework.recommendations.values_list("number", "timescale_months"))
    assert timescales.pop(29) is None
    assert {n for n, months in timescales.items() if months == 6} == SIX_MONTHS
    assert set(timescales.values()) == {3, 6}


@pytest.mark.parametrize(
    ("code", "deadline"),
    [
        ("1.1", datetime.date(2003, 4, 28)),
        ("2.4", datetime.date(2003, 7, 28)),
        ("3.4", datetime.date(2003, 4, 28)),
        ("7.8", datetime.date(2003, 7, 28)),
        ("1.3", None),  # recommendation 29 has no timescale
    ],
)
def test_laming_deadline_is_publication_plus_shortest_timescale(framework, code, deadline):
    criterion = Criterion.objects.get(standard__framework=framework, code=code)
    assert criterion.laming_deadline == deadline


def test_criteria_sort_in_natural_order(framework):
    codes = list(
        Criterion.objects.filter(standard__framework=framework).values_list("code", flat=True)
    )
    assert codes.index("2.10") == codes.index("2.9") + 1
    assert codes[:3] == ["1.1", "1.2", "1.3"]
    assert codes[-1] == "7.8"
    assert len(codes) == 54


def test_descriptors_default_and_override(framework):
    criterion = Criterion.objects.get(standard__framework=framework, code="2.10")
    assert criterion.descriptor(1) == "Not in place."
    assert criterion.descriptor(4).startswith("In place, consistently practised and evidenced")
    criterion.descriptors = {"4": "Every LEA referral is tracked to an outcome."}
    assert criterion.descriptor(4) == "Every LEA referral is tracked to an outcome."
    assert criterion.descriptor(3) == framework.default_descriptors["3"]


def test_reconstructed_texts_are_marked(framework):
    reconstructed = Criterion.objects.filter(standard__framework=framework, reconstructed=True)
    assert {"2.7", "7.7", "7.8"} <= set(reconstructed.values_list("code", flat=True))
    assert all(c.reconstruction_note for c in reconstructed)
    standard_one = framework.standards.get(number=1)
    assert standard_one.reconstructed and "seed" in standard_one.reconstruction_note.lower()


def test_loading_twice_changes_nothing(framework):
    before = Recommendation.objects.count(), Criterion.objects.count()
    load_framework(FRAMEWORK_FIXTURES / "climbie-2003.json")
    assert (Recommendation.objects.count(), Criterion.objects.count()) == before


def test_export_framework_schema(framework):
    out = StringIO()
    call_command("export_framework", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"framework", "standards", "recommendations"}
    assert set(data["framework"]) == {"code", "title", "version", "published_on", "return_due"}
    assert data["framework"]["published_on"] == "2003-01-28"
    assert [s["number"] for s in data["standards"]] == [1, 2, 3, 4, 5, 6, 7]
    standard = data["standards"][1]
    assert set(standard) == {"number", "title", "statement", "criteria"}
    criterion = standard["criteria"][9]
    assert criterion["code"] == "2.10"
    assert set(criterion) == {
        "code", "text", "recommendations", "guidance", "laming_deadline", "descriptors"
    }  # fmt: skip
    assert criterion["recommendations"] == [24]
    assert criterion["laming_deadline"] == "2003-04-28"
    assert set(criterion["descriptors"]) == {"1", "2", "3", "4"}
    assert all(isinstance(g, str) for g in criterion["guidance"])
    numbers = [r["number"] for r in data["recommendations"]]
    assert numbers == sorted(numbers) and len(numbers) == 44
    assert set(data["recommendations"][0]) == {"number", "text", "paragraph", "timescale_months"}


def test_export_matches_the_fixture_document(framework):
    out = StringIO()
    call_command("export_framework", stdout=out)
    exported = json.loads(out.getvalue())
    source = json.loads((FRAMEWORK_FIXTURES / "climbie-2003.json").read_text())
    source_criteria = {c["code"]: c for s in source["standards"] for c in s["criteria"]}
    for standard in exported["standards"]:
        for criterion in standard["criteria"]:
            original = source_criteria[criterion["code"]]
            assert criterion["text"] == original["text"]
            assert criterion["guidance"] == original["guidance"]
