"""Median server time of the council dashboard and SSI's national overview on a national picture
(`seed_national --councils 150` plus the demo councils), and how long seeding it takes.

Run: .venv/bin/python bench/national_bench.py [--councils 150] [--runs 30]
Uses a throwaway SQLite database unless DATABASE_URL is set (then that database is used as is:
point it at an empty scratch database).
"""

import argparse
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
    call_command("seed_demo", stdout=io.StringIO())


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
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2003)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_django()

    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from climbie_audit.models import Council, User
    from standards.models import ImprovementAction

    start = time.perf_counter()
    call_command("seed_national", councils=args.councils, seed=args.seed, stdout=io.StringIO())
    seeding = time.perf_counter() - start

    # The council with the biggest action plan, seen by its own officer and by an inspector.
    busiest = (
        ImprovementAction.objects.values("plan__self_audit__council__code")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n", "plan__self_audit__council__code")
        .first()
    )
    code = busiest["plan__self_audit__council__code"]
    officer = User.objects.get(council__code=code, role="officer")
    inspector = User.objects.get(username="inspector.fryer")
    council_count = Council.objects.count()

    officer_client, inspector_client = Client(), Client()
    officer_client.force_login(officer)
    inspector_client.force_login(inspector)
    pages = [
        (
            officer_client,
            f"dashboard, {code} ({busiest['n']} actions), officer",
            f"/councils/{code}/dashboard/",
        ),
        (inspector_client, f"dashboard, {code}, inspector", f"/councils/{code}/dashboard/"),
        (officer_client, f"action plan, {code}", f"/councils/{code}/action-plan/"),
        (inspector_client, f"national overview ({council_count} councils)", "/national/overview/"),
        (
            inspector_client,
            "national overview, London, most overdue",
            "/national/overview/?region=London&sort=-overdue",
        ),
        (inspector_client, "national overview as CSV", "/national/overview.csv"),
        (inspector_client, "national overview as XLSX", "/national/overview.xlsx"),
    ]
    print(f"database: {os.environ['DATABASE_URL'].split(':')[0]}, runs per page: {args.runs}")
    print(f"seed_national --councils {args.councils}: {seeding:.1f} s")
    print(f"{'page':<52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for client, label, path in pages:
        median, p95, queries = timed(client, path, args.runs)
        print(f"{label:<52} {median * 1000:>10.1f} {p95 * 1000:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
