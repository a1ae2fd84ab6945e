"""The one compare-and-swap save (climbie_audit.concurrency.save_if_unchanged), on an inspection:
the record every such save is shaped like."""

import pytest

from climbie_audit.concurrency import Difference, StaleEdit, save_if_unchanged
from demo.seed import SEED_003
from evaluations.models import Inspection

LABELS = {"inspectorate": "Inspectorate", "about": "About the inspection"}


@pytest.fixture
def inspection(council_a, director):
    return Inspection.objects.create(council=council_a, recorded_by=director, **SEED_003)


def stored(inspection) -> Inspection:
    return Inspection.objects.get(pk=inspection.pk)


def test_a_save_from_the_current_revision_takes_the_next(inspection, director):
    saved, before = save_if_unchanged(
        Inspection, inspection.pk, 0, {"about": "Changed."}, LABELS, user=director
    )
    assert before == {"about": SEED_003["about"]}
    assert (stored(inspection).about, stored(inspection).revision) == ("Changed.", 1)
    assert saved.updated_by == director


def test_nothing_different_saves_nothing_whatever_the_revision(inspection, director):
    save_if_unchanged(Inspection, inspection.pk, 0, {"about": "Theirs."}, LABELS, user=director)
    _, before = save_if_unchanged(
        Inspection, inspection.pk, 0, {"about": "Theirs."}, LABELS, user=director
    )
    assert before == {} and stored(inspection).revision == 1


def test_a_stale_save_is_refused_with_what_differs(inspection, director):
    save_if_unchanged(Inspection, inspection.pk, 0, {"about": "Theirs."}, LABELS, user=director)
    with pytest.raises(StaleEdit) as clash:
        save_if_unchanged(
            Inspection,
            inspection.pk,
            0,
            {"about": "Mine.", "inspectorate": SEED_003["inspectorate"]},
            LABELS,
            shown=lambda name, value: value.upper(),
        )
    assert clash.value.current.revision == 1
    assert clash.value.differences == [Difference("About the inspection", "THEIRS.", "MINE.")]
    assert stored(inspection).about == "Theirs."


def test_related_differences_need_the_current_revision_too(inspection, director):
    save_if_unchanged(Inspection, inspection.pk, 0, {"about": "Theirs."}, LABELS, user=director)
    timetable = Difference("Timetable", "Cabinet", "Scrutiny")
    with pytest.raises(StaleEdit) as clash:
        save_if_unchanged(
            Inspection, inspection.pk, 0, {}, LABELS, related=lambda current: [timetable]
        )
    assert clash.value.differences == [timetable]
    saved, before = save_if_unchanged(
        Inspection, inspection.pk, 1, {}, LABELS, related=lambda current: [timetable]
    )
    assert before == {} and stored(inspection).revision == 2


def test_a_record_that_may_not_change_is_refused_first(inspection):
    class Refused(Exception):
        pass

    def refuse(current):
        raise Refused

    with pytest.raises(Refused):
        save_if_unchanged(Inspection, inspection.pk, 0, {"about": "Mine."}, LABELS, refuse=refuse)
    assert stored(inspection).revision == 0


def test_a_removed_record_is_a_conflict_with_nothing_current(inspection):
    pk = inspection.pk
    inspection.delete()
    with pytest.raises(StaleEdit) as clash:
        save_if_unchanged(Inspection, pk, 0, {"about": "Mine."}, LABELS)
    assert clash.value.current is None and clash.value.differences == []
