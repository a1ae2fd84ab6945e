"""Evidence documents: store, attach, list, remove, and carry into a revised return.

Bytes go through Django's storage API (the STORAGES setting: the file system by default, S3
in production), so nothing here knows where they live.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction

from climbie_audit.models import Council, User
from standards.evidence.file_checks import CheckedFile
from standards.models import AuditReturn, Criterion, ImmutableRecordError
from standards.models_evidence import EvidenceFile, EvidenceLink


def new_file(council: Council, checked: CheckedFile, user: User) -> EvidenceFile:
    """An unsaved record for checked bytes, the bytes already written to storage. The caller
    saves it in a transaction and calls `forget_bytes` if that fails."""
    stored = EvidenceFile(
        council=council,
        name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
    )
    stored.file.save(checked.name, ContentFile(checked.data), save=False)
    return stored


def forget_bytes(stored: EvidenceFile | None) -> None:
    if stored is not None and stored.file.name:
        stored.file.storage.delete(stored.file.name)


def add_evidence(
    audit_return: AuditReturn, criterion: Criterion, checked: CheckedFile, user: User
) -> EvidenceLink:
    """Attach a checked file to a criterion of a draft. All or nothing: if the return was
    submitted meanwhile, or anything fails, the bytes written are deleted again."""
    council = audit_return.self_audit.council
    stored: EvidenceFile | None = None
    try:
        with transaction.atomic():
            locked = AuditReturn.objects.select_for_update().get(pk=audit_return.pk)
            if locked.is_submitted:
                raise ImmutableRecordError(f"Version {locked.number} has been submitted.")
            stored = new_file(council, checked, user)
            stored.save()
            return EvidenceLink.objects.create(
                audit_return=locked, criterion=criterion, file=stored, added_by=user
            )
    except BaseException:
        forget_bytes(stored)
        raise


def remove_evidence(link: EvidenceLink) -> None:
    """Take a document off a draft's criterion. Its bytes go too once no version links to it
    (a file an earlier, submitted version holds stays with that version)."""
    stored = link.file
    with transaction.atomic():
        link.delete()  # refuses if the return is submitted
        if not stored.links.exists():
            stored.delete()
            transaction.on_commit(lambda: forget_bytes(stored))


def copy_links(previous: AuditReturn, revision: AuditReturn) -> int:
    """A revised version starts with the previous version's evidence: new links to the same
    files, not copies of the bytes."""
    copies = [
        EvidenceLink(
            audit_return=revision,
            criterion_id=link.criterion_id,
            file_id=link.file_id,
            added_by_id=link.added_by_id,
        )
        for link in previous.evidence_links.all()
    ]
    EvidenceLink.objects.bulk_create(copies)
    return len(copies)


def links_for(audit_return: AuditReturn, criterion: Criterion | None = None) -> list[EvidenceLink]:
    """The return's documents (one criterion's, if given), with their files and uploaders, in one
    query however many there are."""
    links = audit_return.evidence_links.select_related("file__uploaded_by", "criterion__standard")
    if criterion is not None:
        links = links.filter(criterion=criterion)
    return list(links.in_framework_order())


def counts_by_criterion(audit_return: AuditReturn) -> dict[int, int]:
    """How many documents each criterion of the return has, in one query."""
    counts: dict[int, int] = defaultdict(int)
    for criterion_id in audit_return.evidence_links.values_list("criterion_id", flat=True):
        counts[criterion_id] += 1
    return dict(counts)


def files_by_id(links: Iterable[EvidenceLink]) -> dict[int, EvidenceFile]:
    return {link.file_id: link.file for link in links}
