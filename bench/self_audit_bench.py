"""Median server time of the self-audit's heaviest pages, with all 54 criteria rated.

Run: .venv/bin/python bench/self_audit_bench.py [--runs 30]
Uses a throwaway SQLite database unless DATABASE_URL is set (then that database is used as is:
point it at an empty scratch database).
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    if "DATABASE_URL" not in os.environ:
        scratch = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "climbie_audit.settings")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_framework", stdout=io.StringIO())


def timed(client, path, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches and templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times), sorted(times)[int(0.95 * (len(times) - 1))], len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_django()

    from django.test import Client

    from climbie_audit.models import Council, User
    from standards.models import Framework
    from standards.self_audit import open_draft, save_answers, self_audit_for

    council, _ = Council.objects.get_or_create(
        code="BENCH",
        defaults={"name": "Bench Council", "region": "East Midlands", "kind": "unitary"},
    )
    officer, _ = User.objects.get_or_create(
        username="bench.officer", defaults={"role": "officer", "council": council}
    )
    draft = open_draft(self_audit_for(council, Framework.objects.current()), officer)
    changes = {}
    for i, answer in enumerate(draft.answers.select_related("criterion")):
        rating = (4, 3, 2, 4)[i % 4]
        values = {
            "rating": rating,
            "evidence": "Evidence " * 20,
            "improvement": "Improve through file audit" if rating < 4 else "",
            "lead_officer": "Service manager" if rating < 4 else "",
            "target_date": datetime.date(2003, 4, 1) if rating < 4 else None,
        }
        changes[answer.criterion_id] = (answer.revision, values)
    save_answers(draft, officer, changes)

    client = Client()
    client.force_login(officer)
    pages = {
        "task list (home)": "/",
        "standard page (standard 2, 15 criteria)": "/councils/BENCH/self-audit/standards/2/",
        "check your answers (54 criteria)": "/councils/BENCH/self-audit/check/",
    }
    print(f"database: {os.environ['DATABASE_URL'].split(':')[0]}, runs per page: {args.runs}")
    print(f"{'page':<45} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, path in pages.items():
        median, p95, queries = timed(client, path, args.runs)
        print(f"{label:<45} {median * 1000:>10.1f} {p95 * 1000:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
