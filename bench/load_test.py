"""`make loadtest`: 50 simulated people for 60 s against gunicorn on PostgreSQL, loopback only.

1. Creates a scratch PostgreSQL database (climbie_load_<random>) on 127.0.0.1:5432 and fills it
   with `seed_demo` and `seed_national --councils 150`.
2. Starts gunicorn with several workers (default 4) bound to 127.0.0.1 only, DEBUG off.
3. Runs bench/locustfile.py headless: 50 users (officers rating and saving, inspectors reading
   returns and writing evaluations, directors downloading PDFs and the dashboard) for 60 s.
4. Stops gunicorn, drops the database and prints requests, failures (must be 0), median and p95,
   per request type too, and how many saves met a conflict (409, expected under concurrency).

Exits non-zero if there was any failure. Run: .venv/bin/python bench/load_test.py
[--users 50] [--seconds 60] [--workers 4]
"""

import argparse
import csv
import io
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, os.environ.get("BENCH_PG_USER", "postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_plan(out: Path) -> None:
    """Who signs in as whom, from the seeded data (run inside Django, in a child process)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from climbie_audit.models import User
    from evaluations.models import Evaluation
    from standards.models import AuditReturn

    # Officers of eight councils with a draft open: about three simulated people each, on
    # the first three standards, so that some saves meet someone else's (a 409).
    drafts = (
        AuditReturn.objects.filter(status="draft", self_audit__council__code__startswith="N")
        .select_related("self_audit__council")
        .order_by("self_audit__council__code")[:8]
    )
    officers = [
        {
            "username": User.objects.get(council=d.self_audit.council, role="officer").username,
            "code": d.self_audit.council.code,
            "standards": [1, 2, 3],
        }
        for d in drafts
    ]
    submitted = list(
        AuditReturn.objects.submitted()
        .select_related("self_audit__council")
        .order_by("pk")
        .values_list("self_audit__council__code", "number")
    )
    inspectors = {}
    for evaluation in (
        Evaluation.objects.filter(status="draft")
        .select_related("inspector", "audit_return__self_audit__council")
        .order_by("pk")
    ):
        person = inspectors.setdefault(
            evaluation.inspector.username,
            {"username": evaluation.inspector.username, "evaluations": [], "returns": submitted},
        )
        person["evaluations"].append(
            [evaluation.audit_return.self_audit.council.code, evaluation.pk]
        )
    directors = []
    for evaluation in (
        Evaluation.objects.filter(status="issued")
        .select_related("audit_return__self_audit__council")
        .order_by("pk")[:20]
    ):
        council = evaluation.audit_return.self_audit.council
        directors.append(
            {
                "username": User.objects.get(council=council, role="director").username,
                "code": council.code,
                "evaluation": evaluation.pk,
            }
        )
    plan = {"officers": officers, "inspectors": list(inspectors.values()), "directors": directors}
    out.write_text(json.dumps(plan, indent=2))


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def redis_answers() -> bool:
    try:
        with socket.create_connection((PG_HOST, 6379), timeout=1):
            return True
    except OSError:
        return False


def wait_until_up(base, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sign-in/", timeout=10)
            return
        except (urllib.error.URLError, OSError):  # refused, reset, or still booting (timeout)
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {base}")


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        return list(csv.DictReader(stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--make-plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_plan:
        make_plan(Path(args.make_plan))
        return 0

    import psycopg2

    try:
        admin = psycopg2.connect(dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER)
    except psycopg2.OperationalError as error:
        print(f"The load test needs PostgreSQL on {PG_HOST}:{PG_PORT}: {error}")
        return 2
    admin.autocommit = True
    name = f"climbie_load_{uuid.uuid4().hex[:8]}"
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    scratch = Path(tempfile.mkdtemp(prefix="climbie-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}",
        "DJANGO_SETTINGS_MODULE": "climbie_audit.settings",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOAD_TEST_PLAN": str(scratch / "plan.json"),
        "LOAD_TEST_OUTCOMES": str(scratch / "outcomes.json"),
    }
    if redis_answers():
        # As in production (docs/production.md): the workers share one cache, under a key
        # prefix of this run's own.
        env |= {"REDIS_URL": f"redis://{PG_HOST}:6379/0", "CACHE_KEY_PREFIX": name}
    server = None
    try:
        started = time.perf_counter()
        print(f"Building the data in scratch database {name}…", flush=True)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_framework")
        manage(env, "seed_demo")
        manage(env, "seed_national", "--councils", "150")
        with psycopg2.connect(dbname=name, host=PG_HOST, port=PG_PORT, user=PG_USER) as db:
            db.cursor().execute("ANALYZE")
        subprocess.run(
            [sys.executable, __file__, "--make-plan", env["LOAD_TEST_PLAN"]],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        print(f"  ready in {time.perf_counter() - started:.0f} s", flush=True)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "climbie_audit.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--timeout", "120",
             "--error-logfile", str(scratch / "gunicorn.log")],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_up(base)
        print(
            f"gunicorn: {args.workers} workers on {base}; locust: {args.users} users for "
            f"{args.seconds} s…",
            flush=True,
        )
        prefix = scratch / "locust"
        locust = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "--users", str(args.users), "--spawn-rate", "5",
             "--run-time", f"{args.seconds}s", "--stop-timeout", "30", "--host", base,
             "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=args.seconds + 120,
        )  # fmt: skip
        rows = read_stats(prefix)
        recorded = json.loads((scratch / "outcomes.json").read_text())
        failures_csv = Path(f"{prefix}_failures.csv")
        failures_text = failures_csv.read_text() if failures_csv.exists() else ""
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(report(rows, recorded, args))
    failures = max(int(total["Failure Count"]), sum(s[3] for s in recorded["samples"]))
    if failures:
        print("\nFailures:\n" + failures_text)
        print(locust.stderr[-3000:])
    print(f"\nScratch database {name} dropped; gunicorn stopped.")
    return 1 if failures else 0


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def figures(chosen) -> str:
    times = [s[2] for s in chosen]
    return (
        f"{len(times)} requests, {sum(s[3] for s in chosen)} failures, "
        f"median {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms"
    )


def report(rows, recorded, args) -> str:
    """Every request as recorded by the locustfile (those finishing while locust stops too),
    per kind and in all; locust's own summary beside it."""
    outcomes, samples = recorded["outcomes"], recorded["samples"]
    out = io.StringIO()
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(
        f"\nLoad test: {args.users} users, {args.seconds} s, gunicorn {args.workers} workers, "
        f"PostgreSQL, {'Redis cache' if redis_answers() else 'cache local to each worker'}, "
        "loopback",
        file=out,
    )
    print(f"{'request':<36} {'count':>7} {'fail':>5} {'median ms':>10} {'p95 ms':>8}", file=out)
    by_name = {}
    for sample in samples:
        by_name.setdefault(sample[1], []).append(sample)
    for name, chosen in sorted(by_name.items()):
        times = [s[2] for s in chosen]
        print(
            f"{name:<36} {len(chosen):>7} {sum(s[3] for s in chosen):>5} "
            f"{statistics.median(times):>10.0f} {percentile(times, 0.95):>8.0f}",
            file=out,
        )
    print(f"\nAll requests: {figures(samples)}", file=out)
    # Signing in hashes a password (PBKDF2, slow on purpose) and everyone signs in during the
    # first seconds: the work that follows is shown apart, and once everyone is signed in.
    work = [s for s in samples if not s[1].startswith("sign in")]
    signed_in = max((s[0] for s in samples if s[1] == "sign in"), default=0)
    steady = [s for s in work if s[0] > signed_in]
    print(f"Work (all but signing in): {figures(work)}", file=out)
    if steady:
        print(f"Work once everyone had signed in: {figures(steady)}", file=out)
    print(
        f"Locust's summary: {total['Request Count']} requests, {total['Failure Count']} "
        f"failures, {float(total['Requests/s']):.1f} requests/s, median "
        f"{total['Median Response Time']} ms, p95 {total['95%']} ms",
        file=out,
    )
    print("Saves:", file=out)
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}", file=out)
    return out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
