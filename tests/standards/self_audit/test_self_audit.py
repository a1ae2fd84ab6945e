import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from standards.models import Answer, AuditReturn, ImmutableRecordError
from standards.self_audit import rules as self_audit
from standards.self_audit.status import status_of
from tests.standards.helpers import answer, complete_values, draft_for, fill, submitted_return


def test_first_visit_opens_version_1_with_every_criterion(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    assert draft.number == 1 and draft.status == AuditReturn.Status.DRAFT
    assert draft.answers.count() == 54
    assert draft_for(council_a, framework, officer) == draft


def test_save_records_history_with_who_and_old_and_new(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    target = answer(draft, "2.10")
    self_audit.save_answers(draft, officer, {target.criterion_id: (0, complete_values("2.10", 3))})
    self_audit.save_answers(draft, officer, {target.criterion_id: (1, complete_values("2.10", 4))})
    entries = self_audit.history_of(draft.self_audit, target.criterion)
    assert [e.who for e in entries] == [officer.display_name] * 2
    newest = dict((label, (old, new)) for label, old, new in entries[0].changes)
    assert newest["Rating"] == (3, 4)
    assert newest["Intended improvement"] == ("Improve 2.10", "")
    oldest = dict((label, (old, new)) for label, old, new in entries[1].changes)
    assert oldest["Rating"] == (None, 3)


def test_concurrent_save_of_same_criterion_is_a_conflict(council_a, framework, officer):
    colleague = type(officer).objects.create(
        username="colleague", role="officer", council=council_a, first_name="Carl"
    )
    draft = draft_for(council_a, framework, officer)
    target = answer(draft, "2.10")
    loaded_revision = target.revision  # both people opened the page now
    self_audit.save_answers(
        draft, colleague, {target.criterion_id: (loaded_revision, complete_values("2.10", 2))}
    )
    with pytest.raises(self_audit.EditConflict) as clash:
        self_audit.save_answers(
            draft, officer, {target.criterion_id: (loaded_revision, complete_values("2.10", 4))}
        )
    conflict = clash.value.conflicts[0]
    assert conflict.answer.rating == 2 and conflict.mine["rating"] == 4
    assert answer(draft, "2.10").rating == 2  # the earlier save stands


def test_same_values_from_a_stale_page_are_not_a_conflict(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    target = answer(draft, "1.1")
    values = complete_values("1.1", 4)
    self_audit.save_answers(draft, officer, {target.criterion_id: (0, values)})
    assert self_audit.save_answers(draft, officer, {target.criterion_id: (0, values)}) == []


def test_conflict_saves_nothing_from_that_submission(council_a, framework, officer):
    draft = draft_for(council_a, framework, officer)
    first, second = answer(draft, "1.1"), answer(draft, "1.2")
    self_audit.save_answers(draft, officer, {first.criterion_id: (0, complete_values("1.1", 3))})
    with pytest.raises(self_audit.EditConflict):
        self_audit.save_answers(
            draft,
            officer,
            {
                second.criterion_id: (0, complete_values("1.2", 4)),
                first.criterion_id: (0, complete_values("1.1", 4)),
            },
        )
    assert answer(draft, "1.2").rating is None


class TestSubmission:
    def test_only_a_director_submits(self, council_a, framework, officer):
        draft = draft_for(council_a, framework, officer)
        fill(draft, officer)
        with pytest.raises(PermissionDenied):
            self_audit.submit(draft, officer)

    def test_each_blocking_condition_gives_its_own_error(
        self, council_a, framework, officer, director
    ):
        draft = draft_for(council_a, framework, officer)
        fill(draft, officer)
        a = answer(draft, "2.10")
        b = answer(draft, "3.4")
        self_audit.save_answers(
            draft,
            officer,
            {
                a.criterion_id: (a.revision, complete_values("2.10", 3) | {"improvement": ""}),
                b.criterion_id: (b.revision, complete_values("3.4", 2) | {"target_date": None}),
            },
        )
        c = answer(draft, "7.8")
        self_audit.save_answers(
            draft,
            officer,
            {c.criterion_id: (c.revision, complete_values("7.8") | {"rating": None})},
        )
        with pytest.raises(self_audit.SubmissionRefused) as refused:
            self_audit.submit(draft, director)
        assert refused.value.problems == [
            "Enter the intended improvement for 2.10, which is rated below 4",
            "Enter a target date for 3.4, which is rated below 4",
            "Select a rating for 7.8",
        ]
        draft.refresh_from_db()
        assert draft.status == AuditReturn.Status.DRAFT

    def test_submission_makes_an_immutable_numbered_version_and_emails_inspectors(
        self, council_a, framework, officer, director, inspector, inspector_unassigned
    ):
        with self.capture_on_commit():
            submitted = submitted_return(council_a, framework, officer, director)
        assert submitted.status == AuditReturn.Status.SUBMITTED
        assert submitted.reference == "509-CLIMBIE-2003-V1"
        assert submitted.submitted_by == director and submitted.submitted_at is not None
        assert [m.to for m in mail.outbox] == [[inspector.email]]
        assert "version 1" in mail.outbox[0].subject
        assert "509-CLIMBIE-2003-V1" in mail.outbox[0].body

    @pytest.fixture(autouse=True)
    def _hooks(self, django_capture_on_commit_callbacks):
        self._capture = django_capture_on_commit_callbacks

    def capture_on_commit(self):
        return self._capture(execute=True)


class TestImmutability:
    @pytest.fixture
    def submitted(self, council_a, framework, officer, director):
        return submitted_return(council_a, framework, officer, director)

    def test_answer_save_is_refused(self, submitted):
        target = submitted.answers.first()
        target.rating = 1
        with pytest.raises(ImmutableRecordError):
            target.save()
        assert Answer.objects.get(pk=target.pk).rating == 4

    def test_queryset_update_and_delete_are_refused(self, submitted):
        with pytest.raises(ImmutableRecordError):
            submitted.answers.all().update(rating=1)
        with pytest.raises(ImmutableRecordError):
            Answer.objects.filter(audit_return=submitted).delete()
        assert submitted.answers.filter(rating=4).count() == 54

    def test_return_itself_cannot_change_or_go_away(self, submitted):
        submitted.status = AuditReturn.Status.DRAFT
        with pytest.raises(ImmutableRecordError):
            submitted.save()
        with pytest.raises(ImmutableRecordError):
            AuditReturn.objects.filter(pk=submitted.pk).update(reference="changed")
        with pytest.raises(ImmutableRecordError):
            submitted.delete()
        submitted.refresh_from_db()
        assert submitted.status == AuditReturn.Status.SUBMITTED

    def test_saving_into_a_submitted_return_through_the_domain_fails(self, submitted, officer):
        target = submitted.answers.first()
        with pytest.raises(ImmutableRecordError):
            self_audit.save_answers(
                submitted,
                officer,
                {target.criterion_id: (target.revision, complete_values("x", 1))},
            )


class TestRevision:
    def test_revision_is_prefilled_and_compares_exactly(
        self, council_a, framework, officer, director
    ):
        first = submitted_return(council_a, framework, officer, director)
        revision = self_audit.start_revision(first.self_audit, director)
        assert revision.number == 2 and revision.based_on == first
        assert [a.values() for a in revision.answers.order_by("criterion")] == [
            a.values() for a in first.answers.order_by("criterion")
        ]
        assert self_audit.compare(first, revision) == []
        fill(revision, officer, {"2.10": 3, "5.1": 2}, only={"2.10", "5.1"})
        changes = self_audit.compare(first, revision)
        assert [c.criterion.code for c in changes] == ["2.10", "5.1"]
        assert ("Rating", 4, 3) in changes[0].changes

    def test_only_a_director_starts_a_revision_and_only_one_at_a_time(
        self, council_a, framework, officer, director
    ):
        first = submitted_return(council_a, framework, officer, director)
        with pytest.raises(PermissionDenied):
            self_audit.start_revision(first.self_audit, officer)
        revision = self_audit.start_revision(first.self_audit, director)
        assert self_audit.start_revision(first.self_audit, director) == revision
        assert first.self_audit.returns.count() == 2

    def test_history_spans_versions(self, council_a, framework, officer, director):
        first = submitted_return(council_a, framework, officer, director)
        revision = self_audit.start_revision(first.self_audit, director)
        fill(revision, officer, {"2.10": 3}, only={"2.10"})
        criterion = answer(revision, "2.10").criterion
        entries = self_audit.history_of(first.self_audit, criterion)
        assert [e.version for e in entries] == [2, 2, 1]
        assert entries[1].reason == "Copied from version 1"


def test_status_moves_from_draft_to_submitted(council_a, framework, officer, director):
    draft = draft_for(council_a, framework, officer)
    assert status_of([draft]).label == "Draft"
    submitted = submitted_return(council_a, framework, officer, director)
    assert status_of([submitted]).label == "Submitted version 1"
    assert status_of([]).label == "Not started"


def test_one_selector_finds_the_latest_submitted_version(council_a, framework, officer, director):
    audit = draft_for(council_a, framework, officer).self_audit
    assert audit.returns.latest_submitted() is None
    first = submitted_return(council_a, framework, officer, director)
    revision = self_audit.start_revision(audit, director)
    assert audit.returns.latest_submitted() == first  # a draft is never the latest submitted
    self_audit.submit(revision, director, notify=False)
    assert audit.returns.latest_submitted() == revision
    across_frameworks = AuditReturn.objects.filter(self_audit__council=council_a)
    assert across_frameworks.latest_submitted() == revision
