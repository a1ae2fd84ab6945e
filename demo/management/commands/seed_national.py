import time

from django.core.management.base import BaseCommand, CommandError

from demo.national import NationalDataExists, existing_national_councils, seed_national
from demo.national_picture import CODE_PREFIX


class Command(BaseCommand):
    help = (
        "Build a plausible national picture (councils, people, returns in every status, "
        "evaluations, action plans) for demos and benchmarks. Deterministic with --seed. "
        "Leaves seed_demo's councils and people alone; does nothing if the data is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, default=150, help="How many (default 150).")
        parser.add_argument("--seed", type=int, default=2003, help="Random seed (default 2003).")

    def handle(self, *args, councils, seed, **options):
        if not 1 <= councils <= 999:
            raise CommandError("--councils must be between 1 and 999.")
        existing = existing_national_councils().count()
        if existing:
            if existing == councils:
                self.stdout.write(
                    f"{existing} national councils ({CODE_PREFIX}001…) are already there: "
                    "nothing changed."
                )
                return
            raise CommandError(
                f"{existing} national councils ({CODE_PREFIX}001…) already exist, not "
                f"{councils}. Nothing was changed: start from an empty database to build "
                "a different picture."
            )
        started = time.perf_counter()
        try:
            counts = seed_national(councils, seed)
        except NationalDataExists as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(
            f"Built the national picture (seed {seed}) in {elapsed:.1f} s: {summary}."
        )
