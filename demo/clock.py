"""The demo's clock: seeding tells the 2003-2004 story (and Leicester's 2009 inspection) with the
dates it happened on, so nothing seeded is dated the day `seed_demo` ran.

Every record stamps itself with django.utils.timezone.now() (auto_now_add fields, submission and
issue times, the history and audit trails); the rules take no date for most of them, and
submitted returns and issued evaluations can never be changed afterwards (model guards and
database triggers), so their dates must be right when they are written. While seeding, the demo
sets that one clock to the moment in the story. Only seeding does this: no request ever runs on
it (docs/decisions/0008-the-audit-cycle-over-time.md).
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest import mock

from django.apps import apps
from django.db import models
from django.utils import timezone

_REAL_NOW = timezone.now


def moment(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment in the story, in UK time."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def _date_pre_save(field: models.DateField, day: datetime.date) -> Callable[..., Any]:
    """DateField(auto_now/auto_now_add) asks datetime.date.today() itself: answer `day`."""
    real = field.pre_save

    def pre_save(instance: models.Model, add: bool) -> Any:
        if field.auto_now or (field.auto_now_add and add):
            setattr(instance, field.attname, day)
            return day
        return real(instance, add)

    return pre_save


@contextmanager
def story_time(at: datetime.datetime) -> Iterator[None]:
    """Everything written inside is stamped `at` (the clock stands still, as in a story): what
    calls timezone.now(), fields whose default is timezone.now (Django keeps the function
    itself, so patching the module is not enough) and date fields stamped automatically."""
    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(timezone, "now", return_value=at))
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.default is _REAL_NOW:
                    stack.enter_context(mock.patch.object(field, "_get_default", lambda: at))
                elif (
                    isinstance(field, models.DateField)
                    and not isinstance(field, models.DateTimeField)
                    and (field.auto_now or field.auto_now_add)
                ):
                    day = timezone.localtime(at).date()
                    stack.enter_context(
                        mock.patch.object(field, "pre_save", _date_pre_save(field, day))
                    )
        yield
