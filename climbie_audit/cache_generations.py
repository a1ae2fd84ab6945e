"""Cache generations: a version number for a family of cached entries, changed whenever the
records they were worked out from change, so that stale entries are simply never read again.

Pages key what they cache with the generation current when they started reading the database.
A change starts a new generation when it is made and again once its transaction has committed, so
an entry computed from data that was about to change is filed under an old generation and never
served afterwards.
With several app servers the generations live in the shared cache (Redis, see
docs/production.md); with a per-process cache another process notices a change when its copy of
the generation expires, after `seconds` at most.
"""

import hashlib
import uuid
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def _end(key: str) -> None:
    """End a generation now, so that this transaction reads its own changes afresh, and again
    after the commit, so that nothing computed by others from the data before it is read again."""
    cache.delete(key)
    transaction.on_commit(partial(cache.delete, key))


def _on_save_or_delete(model, handler, owner: str) -> None:
    uid = f"{owner}:{model._meta.label}"
    post_save.connect(handler, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}:delete")


class Generation:
    def __init__(self, name: str, seconds: int):
        self.key = f"generation:{name}"
        self.seconds = seconds

    def current(self) -> str:
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, uuid.uuid4().hex, self.seconds)
            value = cache.get(self.key)
        return value

    def bump(self) -> None:
        _end(self.key)

    def _changed(self, **kwargs) -> None:
        self.bump()

    def follow(self, *models, m2m=()) -> None:
        """Start a new generation whenever one of `models` is saved or deleted (the admin site,
        fixtures and every domain function save through the ORM; bulk writes call bump())."""
        for model in models:
            _on_save_or_delete(model, self._changed, self.key)
        for through in m2m:
            m2m_changed.connect(self._changed, sender=through, dispatch_uid=f"{self.key}:{through}")


class GenerationPerCouncil:
    """A generation for each council, for figures worked out council by council (the national
    overview): a change to one council's records ends that council's generation only."""

    def __init__(self, name: str, seconds: int):
        self.prefix = f"generation:{name}:"
        self.seconds = seconds
        self._council_of = {}

    def current(self, council_ids) -> dict[int, str]:
        keys = {f"{self.prefix}{pk}": pk for pk in council_ids}
        found = cache.get_many(list(keys))
        missing = [key for key in keys if key not in found]
        for key in missing:
            cache.add(key, uuid.uuid4().hex, self.seconds)
        if missing:
            found |= cache.get_many(missing)
        # A generation evicted in between is simply new: nothing is cached under it yet.
        return {pk: found.get(key) or uuid.uuid4().hex for key, pk in keys.items()}

    def bump(self, council_id: int) -> None:
        _end(f"{self.prefix}{council_id}")

    def follow(self, everyone: Generation, models: dict) -> None:
        """`models`: {model: how to find its council}, either the name of its council id field,
        or (a foreign key's id field, the model it points to, the lookup from there to the
        council id). When the council cannot be found, `everyone` starts a new generation."""
        for model, path in models.items():
            self._council_of[model] = path
            _on_save_or_delete(model, self._changed, self.prefix)
        self._everyone = everyone

    def _changed(self, sender, instance, **kwargs) -> None:
        council_id = self._council_id(sender, instance)
        if council_id is None:
            self._everyone.bump()
        else:
            self.bump(council_id)

    def _council_id(self, model, instance) -> int | None:
        path = self._council_of[model]
        if isinstance(path, str):
            return getattr(instance, path)
        field, target, lookup = path
        return (
            target.objects.filter(pk=getattr(instance, field))
            .values_list(lookup, flat=True)
            .first()
        )


# Framework text and timescales: the cached form markup and the Laming deadlines.
FRAMEWORK = Generation("framework", seconds=10 * 60)
# What the national overview is built from, council by council (reports/national.py), except
# submitted returns' answers and issued evaluations' judgements, which never change; and for
# bulk writes, which send no signals, one generation for every council at once.
NATIONAL_FIGURES = Generation("national-figures", seconds=5 * 60)
COUNCIL_FIGURES = GenerationPerCouncil("council-figures", seconds=5 * 60)


def markup_key(*content) -> str:
    """A cache key for a form's markup that names exactly what the markup shows: the values
    given (a criterion or standard, its answer, a revision) and the framework's text. Identical
    forms share one cached copy; any change to what they show is a different key."""
    digest = hashlib.sha256(repr(content).encode()).hexdigest()
    return f"{FRAMEWORK.current()}:{digest}"
