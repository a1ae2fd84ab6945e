"""`make loadtest`: the national deadline (issue 17) against gunicorn on a PostgreSQL cluster and a
Redis server the test starts itself, with PostgreSQL restarted and Redis stopped mid-load.

1. Starts a PostgreSQL cluster (initdb + pg_ctl) and a Redis server on free ports of 127.0.0.1
   (bench/services.py), fills a database with `seed_demo` + `seed_national --councils 150` and
   gives every national council three officers: 150 x 3 officers, their 150 directors and 20
   inspectors (the plan).
2. Starts gunicorn (default 4 sync workers, 127.0.0.1 only, DEBUG off, the shared Redis cache),
   each worker writing the CPU time of every request (bench/gunicorn_cpu.py).
3. Runs bench/locustfile.py headless: every person signs in once, the sign-ins spread over the
   first 40 % of the run, then works with the think times of people filling forms; beside it
   one person asks for /ping/ (the floor) every 1.5 s throughout.
4. Mid-load: restarts PostgreSQL (pg_ctl restart -m fast) at half time, stops Redis at 0.65 of
   the run and starts it again at 0.8.
5. Checks every acknowledged save is in the database, stops everything and prints p95 per kind
   beside the floor's p95 (ratio; goal <= 10x, 0 errors before the faults), CPU ms per kind, and
   each fault phase: answers, GOV.UK problem pages, anything else (must be 0), recovery.

Exits non-zero unless every goal is met. `.venv/bin/python bench/load_test.py` runs the short
model (4 minutes of load); `--long` the long one (15 minutes); `--seconds`, `--workers`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_report import FLOOR, cpu_by_kind, report  # noqa: E402
from services import Postgres, Redis, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COUNCILS, OFFICERS_PER_COUNCIL, INSPECTORS = 150, 3, 20
PROBLEM = "Sorry, there is a problem with the service"


def make_plan(out: Path) -> None:
    """Who signs in as whom (run inside Django, in a child process): every national council gets
    three officers and an open draft, as on the deadline morning."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from climbie_audit.models import Council, User
    from evaluations.models import Evaluation
    from standards.models import AuditReturn, SelfAudit
    from standards.self_audit import rules

    councils = list(Council.objects.filter(code__startswith="N").order_by("code")[:COUNCILS])
    officers, directors = [], []
    for council in councils:
        director = User.objects.get(council=council, role="director")
        first = User.objects.filter(council=council, role="officer").first()
        for n in range(2, OFFICERS_PER_COUNCIL + 1):
            User.objects.get_or_create(
                username=f"officer{n}.{council.code.lower()}",
                defaults={"password": first.password, "role": "officer", "council": council,
                          "first_name": "Officer", "last_name": f"{n} {council.name}"},
            )  # fmt: skip
        audit = SelfAudit.objects.filter(council=council).first()
        draft = None
        if audit is not None:
            draft = rules.draft_of(audit)
            if draft is None and audit.returns.submitted().exists():
                draft = rules.start_revision(audit, director)
        standards = [1, 2, 3, 4, 5, 6, 7] if draft is not None else []
        for officer in User.objects.filter(council=council, role="officer").order_by("username"):
            officers.append({"username": officer.username, "code": council.code,
                             "standards": standards})  # fmt: skip
        issued = (
            Evaluation.objects.filter(status="issued", audit_return__self_audit__council=council)
            .order_by("-pk")
            .first()
        )
        directors.append({"username": director.username, "code": council.code,
                          "evaluation": issued.pk if issued else None})  # fmt: skip
    submitted = list(
        AuditReturn.objects.submitted()
        .order_by("pk")
        .values_list("self_audit__council__code", "number")
    )
    inspectors = []
    for inspector in User.objects.filter(role="inspector").order_by("username")[:INSPECTORS]:
        evaluations = [
            [e.audit_return.self_audit.council.code, e.pk]
            for e in Evaluation.objects.filter(status="draft", inspector=inspector)
            .select_related("audit_return__self_audit__council")
            .order_by("pk")
        ]
        inspectors.append({"username": inspector.username, "evaluations": evaluations,
                           "returns": submitted})  # fmt: skip
    plan = {"officers": officers, "directors": directors, "inspectors": inspectors}
    out.write_text(json.dumps(plan))


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def wait_until_up(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sign-in/", timeout=10)
            return
        except (urllib.error.URLError, OSError):  # refused, reset, or still booting (timeout)
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {base}")


def faults(postgres: Postgres, redis: Redis, seconds: int, started: float, events: dict) -> None:
    """Restart PostgreSQL at half time; stop Redis at 0.65 of the run, start it at 0.8."""

    def at(fraction):
        time.sleep(max(0.0, started + fraction * seconds - time.time()))

    at(0.5)
    when = time.time()
    postgres.restart()
    events["postgres restart"] = (when, time.time())
    at(0.65)
    when = time.time()
    redis.stop()
    at(0.8)
    redis.start()
    events["redis stopped"] = (when, time.time())
    events["redis started"] = (time.time(), 0)


def floor(base: str, until: float, samples: list) -> None:
    """The yardstick, measured beside the load: one signed-in person asking for /ping/ (the
    smallest signed-in page) every second and a half, from before the first sign-in to the end."""
    import requests

    session = requests.Session()
    session.get(base + "/sign-in/", timeout=60)
    session.post(
        base + "/sign-in/",
        {"username": "officer.leicester", "password": "climbie-demo-2003",
         "csrfmiddlewaretoken": session.cookies.get("csrftoken")},
        allow_redirects=False, timeout=60,
    )  # fmt: skip
    while time.time() < until:
        began = time.perf_counter()
        try:
            response = session.get(base + "/ping/", allow_redirects=False, timeout=60)
            ok = response.status_code == 200
            outcome = "ok" if ok else ("problem page" if PROBLEM in response.text else "bad")
        except requests.RequestException:
            outcome = "bad"
        samples.append((time.time(), FLOOR, (time.perf_counter() - began) * 1000, outcome))
        time.sleep(1.5)


def saves_found(db_url: str, acknowledged: list) -> dict:
    """Every acknowledged save is in the database: each answer's token in its history, each
    evaluation's latest acknowledged token in its judgements."""
    import psycopg2

    with psycopg2.connect(db_url) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT evidence FROM standards_historicalanswer WHERE evidence LIKE '%%; ref %%'"
        )
        in_history = {row[0].rsplit("ref ", 1)[1].rstrip(".") for row in cursor.fetchall()}
        latest: dict = {}
        for kind, *rest in acknowledged:
            if kind == "evaluation":
                pk, token, when = rest
                if pk not in latest or latest[pk][1] < when:
                    latest[pk] = (token, when)
        missing = [t for kind, *rest in acknowledged if kind == "answer"
                   for t in [rest[0]] if t not in in_history]  # fmt: skip
        for pk, (token, _) in latest.items():
            cursor.execute(
                "SELECT count(*) FROM evaluations_standardjudgement "
                "WHERE evaluation_id = %s AND text LIKE %s",
                (pk, f"%ref {token}.%"),
            )
            if cursor.fetchone()[0] == 0:
                missing.append(token)
    answers = sum(1 for a in acknowledged if a[0] == "answer")
    acknowledged_count = answers + len(latest)
    return {"acknowledged": acknowledged_count, "found": acknowledged_count - len(missing),
            "missing": len(missing)}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="15 minutes of load, not 4")
    parser.add_argument("--seconds", type=int, help="how long the load runs")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--make-plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_plan:
        make_plan(Path(args.make_plan))
        return 0
    args.seconds = args.seconds or (900 if args.long else 240)
    # The sign-ins arrive over the first 40 % of the run (the first minutes of the morning).
    args.spread = max(60, int(args.seconds * 0.4))

    scratch = Path(tempfile.mkdtemp(prefix="climbie-load-"))
    postgres, redis = Postgres(), Redis()
    server = None
    name = f"climbie_load_{uuid.uuid4().hex[:8]}"
    try:
        postgres.start()
        redis.start()
        import psycopg2

        admin = psycopg2.connect(dbname="postgres", host="127.0.0.1", port=postgres.port,
                                 user="postgres")  # fmt: skip
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        admin.close()
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url(name),
            "DJANGO_SETTINGS_MODULE": "climbie_audit.settings",
            "DEBUG": "false",
            "CONN_MAX_AGE": "60",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "REDIS_URL": redis.url,
            "CACHE_KEY_PREFIX": name,
            "LOAD_TEST_PLAN": str(scratch / "plan.json"),
            "LOAD_TEST_OUTCOMES": str(scratch / "outcomes.json"),
            "LOAD_TEST_CPU_LOG": str(scratch / "cpu"),
        }
        started = time.perf_counter()
        print(f"PostgreSQL on port {postgres.port}, Redis on {redis.port}; building {name}…",
              flush=True)  # fmt: skip
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_framework")
        manage(env, "seed_demo")
        manage(env, "seed_national", "--councils", str(COUNCILS))
        subprocess.run([sys.executable, __file__, "--make-plan", env["LOAD_TEST_PLAN"]],
                       cwd=ROOT, env=env, check=True)  # fmt: skip
        with psycopg2.connect(postgres.url(name)) as db:
            db.cursor().execute("ANALYZE")
        plan = json.loads((scratch / "plan.json").read_text())
        args.officers, args.directors = len(plan["officers"]), len(plan["directors"])
        args.inspectors = len(plan["inspectors"])
        args.people = args.officers + args.directors + args.inspectors
        print(f"  ready in {time.perf_counter() - started:.0f} s", flush=True)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "climbie_audit.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--timeout", "60",
             "--config", str(ROOT / "bench" / "gunicorn_cpu.py"),
             "--error-logfile", str(scratch / "gunicorn.log")],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_up(base)
        total_users = args.people
        print(f"gunicorn: {args.workers} workers on {base}; locust: {total_users} people for "
              f"{args.seconds} s, PostgreSQL restarted at {args.seconds // 2} s…", flush=True)  # fmt: skip
        events: dict = {}
        load_started = time.time()
        chaos = threading.Thread(
            target=faults, args=(postgres, redis, args.seconds, load_started, events), daemon=True
        )
        chaos.start()
        floor_samples: list = []
        yardstick = threading.Thread(
            target=floor, args=(base, load_started + args.seconds, floor_samples), daemon=True
        )
        yardstick.start()
        locust = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"),
             "--headless", "--users", str(total_users),
             "--spawn-rate", f"{total_users / args.spread:.2f}",
             "--run-time", f"{args.seconds}s", "--stop-timeout", "30", "--host", base,
             "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=args.seconds + 180,
        )  # fmt: skip
        chaos.join(timeout=60)
        yardstick.join(timeout=60)
        recorded = json.loads((scratch / "outcomes.json").read_text())
        recorded["samples"] += floor_samples
        saves = saves_found(postgres.url(name), recorded["acknowledged"])
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        redis.stop()
        postgres.cleanup()

    cpu = cpu_by_kind(scratch / "cpu")
    text, ok = report(recorded["samples"], recorded["outcomes"], cpu, events, saves, args)
    print(text)
    if not ok:
        print(locust.stderr[-3000:])
        log = scratch / "gunicorn.log"
        if log.exists():
            print("gunicorn's log (last lines):\n" + log.read_text()[-3000:])
    print("PostgreSQL cluster and Redis stopped and removed; gunicorn stopped.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
