"""`make bench`: the key pages, PDFs and spreadsheets timed on the national picture.

Builds `seed_demo` + `seed_national --councils 150` in a scratch SQLite database and, when
PostgreSQL answers on 127.0.0.1:5432, in a scratch PostgreSQL database (created here, dropped at
the end). For each database it prints:

- each key page's median and p95 server time and query count, beside a BASELINE measured in the
  same run — /ping/, the smallest signed-in page: the same base template through the same
  middleware — and each page's ratio to it (target: no page above 5x);
- the evaluation PDF and a cabinet report: render time (whole request), pages and peak memory;
- XLSX: one return exported, a complete return uploaded/previewed and applied, the national
  workbook.

Server time is measured in-process with Django's test client (no network, no browser), DEBUG
off, after one warm-up request, WITH AN EMPTY CACHE: Django's cache is emptied before every timed
request (the baseline's too), so each page is worked out from the database as it is after a
change or on a fresh server. The pages are timed round-robin, one request each per round, so
that a burst of load from elsewhere on the machine hits the baseline and the pages alike.

Run: .venv/bin/python bench/run.py [--runs 30] [--no-postgres]
The table is also written as Markdown to bench/results/latest.md (and JSON beside it).
"""

import argparse
import datetime
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
NATIONAL_COUNCILS = 150
SEED = 2003
RATIO_LIMIT = 5.0
CACHE_NOTE = (
    "Cache: EMPTY. Django's cache is emptied before every timed request (pages, PDFs and "
    "spreadsheets alike): nothing is reused from an earlier request."
)
TYPICAL_ACTIONS = 15
PDF_LIMIT_SECONDS = 1.5
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, os.environ.get("BENCH_PG_USER", "postgres")


# =============================================================================================
# The worker: one database, one process (Django's settings are read once per process).
# =============================================================================================


def percentile(values, fraction):
    """Nearest-rank percentile: the value below which `fraction` of the runs fall."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(times) -> dict:
    return {
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "min_ms": min(times) * 1000,
        "runs": len(times),
    }


def memory_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak_memory() -> bool:
    """Linux lets a process reset its resident-set high-water mark (VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def peak_memory_of(operation) -> dict:
    """Peak resident memory while `operation` runs (WeasyPrint allocates in C, where
    tracemalloc cannot see): the process's high-water mark, and how far it rose above the
    memory in use before. Run in a fresh process, it includes the first-use costs (fonts)."""
    import gc

    gc.collect()
    exact = reset_peak_memory()
    before = memory_kb("VmRSS")
    operation()
    peak = memory_kb("VmHWM")
    return {
        "peak_rss_mb": peak / 1024,
        "peak_increase_mb": max(peak - before, 0) / 1024,
        "exact": exact,
    }


def worker(label: str, database_url: str, runs: int, out: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"  # Django keeps every query in memory when DEBUG is on
    os.environ["DJANGO_SETTINGS_MODULE"] = "climbie_audit.settings"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    # Draft PDFs render in the request (as the task worker would render them), so that their
    # cost is timed; an issued evaluation's PDF is kept after its warm-up download
    # (docs/decisions/0012), so its figure is what a download costs now.
    os.environ["TASKS_BACKEND"] = "immediate"
    sys.path.insert(0, str(ROOT))
    import io

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.template import engines

    result = {"label": label, "vendor": connection.vendor, "debug": settings.DEBUG}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_framework", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    result["setup_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_national", councils=NATIONAL_COUNCILS, seed=SEED, stdout=io.StringIO())
    result["seed_national_seconds"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            result["server_version"] = cursor.fetchone()[0]
            # Fresh bulk-loaded tables: let the planner see the real row counts, as autovacuum
            # would within a minute on a live server.
            cursor.execute("ANALYZE")
    else:
        import sqlite3

        result["server_version"] = f"SQLite {sqlite3.sqlite_version}"
    loaders = engines["django"].engine.template_loaders
    result["template_loaders"] = [type(loader).__module__ for loader in loaders]

    subjects = choose_subjects()
    result["subjects"] = subjects["description"]
    result["pages"] = time_pages(subjects, runs)
    result["pdfs"] = time_pdfs(subjects, database_url)
    result["xlsx"] = time_spreadsheets(subjects)
    from climbie_audit.models import Council

    result["councils"] = Council.objects.count()
    out.write_text(json.dumps(result, indent=2, default=str))


def choose_subjects() -> dict:
    """The people and objects each key page is opened for, the biggest of their kind."""
    from django.db.models import Count

    from climbie_audit.models import User
    from evaluations.models import Evaluation
    from standards.models import AuditReturn, ImprovementAction, Standard

    # A council revising its return: a draft (version 2) with all 54 criteria answered.
    draft = (
        AuditReturn.objects.filter(
            status="draft", number__gt=1, self_audit__council__code__startswith="N"
        )
        .select_related("self_audit__council", "self_audit__framework")
        .order_by("self_audit__council__code")
        .first()
    )
    council = draft.self_audit.council
    officer = User.objects.get(council=council, role="officer")
    biggest_standard = (
        Standard.objects.filter(framework=draft.self_audit.framework)
        .annotate(n=Count("criteria"))
        .order_by("-n", "number")
        .first()
    )
    # A draft evaluation, opened by its (assigned) inspector.
    evaluation = (
        Evaluation.objects.filter(status="draft")
        .select_related("audit_return__self_audit__council", "inspector")
        .order_by("pk")
        .first()
    )
    inspector = evaluation.inspector
    # The council with the biggest action plan, for its dashboard.
    busiest = (
        ImprovementAction.objects.values("plan__self_audit__council__code")
        .order_by()
        .annotate(n=Count("pk"))
        .order_by("-n", "plan__self_audit__council__code")
        .first()
    )
    dashboard_officer = User.objects.get(
        council__code=busiest["plan__self_audit__council__code"], role="officer"
    )
    # For the PDFs, an issued evaluation of a council with a typical action plan (about 15
    # actions): its cabinet report runs to about ten pages without the statement of roles.
    issued = min(
        Evaluation.objects.filter(status="issued")
        .annotate(
            n=Count("findings", distinct=True),
            actions=Count("audit_return__self_audit__action_plan__actions", distinct=True),
        )
        .select_related("audit_return__self_audit__council"),
        key=lambda e: (abs(e.actions - TYPICAL_ACTIONS), -e.n, e.pk),
    )
    issued_council = issued.audit_return.self_audit.council
    director = User.objects.get(council=issued_council, role="director")
    submitted = AuditReturn.objects.get(self_audit=draft.self_audit, number=1)
    code = council.code
    ecode = evaluation.audit_return.self_audit.council.code
    return {
        "officer": officer,
        "inspector": inspector,
        "dashboard_officer": dashboard_officer,
        "director": director,
        "draft": draft,
        "evaluation": evaluation,
        "submitted": submitted,
        "issued": issued,
        "pages": [
            # (key, label, who, path)
            ("baseline", "BASELINE: /ping/ (base template, signed in)", officer, "/ping/"),
            ("task_list", "Task list (officer's home)", officer, f"/councils/{code}/self-audit/"),
            (
                "standard",
                f"Standard page (standard {biggest_standard.number}, "
                f"{biggest_standard.n} criteria)",
                officer,
                f"/councils/{code}/self-audit/standards/{biggest_standard.number}/",
            ),
            (
                "check",
                "Check your answers (54 criteria)",
                officer,
                f"/councils/{code}/self-audit/check/",
            ),
            (
                "evaluation_form",
                "Evaluation form (draft, ratings beside it)",
                inspector,
                f"/councils/{ecode}/evaluations/{evaluation.pk}/edit/",
            ),
            ("workspace", "Inspector workspace (all councils)", inspector, "/inspector/"),
            ("national", "National overview (all councils)", inspector, "/national/overview/"),
            (
                "dashboard",
                f"Council dashboard ({busiest['n']} actions)",
                dashboard_officer,
                f"/councils/{busiest['plan__self_audit__council__code']}/dashboard/",
            ),
        ],
        "description": {
            "self-audit pages": f"{council.name} ({code}), officer, draft version {draft.number}",
            "evaluation form": f"{ecode}, evaluation {evaluation.pk}, {inspector.username}",
            "dashboard": f"{busiest['plan__self_audit__council__code']}, {dashboard_officer.username}",
            "PDFs": f"{issued_council.name} ({issued_council.code}), {issued.actions} actions, "
            f"{director.username}",
        },
    }


def time_pages(subjects, runs) -> list[dict]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for _, _, person, _ in subjects["pages"]:
        if person.pk not in clients:
            clients[person.pk] = Client()
            clients[person.pk].force_login(person)
    pages = [
        (key, label, clients[person.pk], path) for key, label, person, path in subjects["pages"]
    ]
    for _, _, client, path in pages:  # warm: templates, the dashboard's first drafting, sessions
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    times = {key: [] for key, *_ in pages}
    for _ in range(runs):
        for key, _, client, path in pages:
            cache.clear()  # an empty cache before every timed request, the baseline's too
            start = time.perf_counter()
            response = client.get(path)
            times[key].append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
    rows = []
    for key, label, client, path in pages:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        rows.append(
            {"key": key, "label": label, "path": path, "queries": len(queries)}
            | summary(times[key])
        )
    return rows


def time_pdfs(subjects, database_url, repeat=5) -> list[dict]:
    import io

    from django.core.cache import cache
    from django.test import Client
    from pypdf import PdfReader

    from reports.cabinet.drafting import draft_report
    from reports.models import ReportKind
    from reports.roles import rules as roles

    issued = subjects["issued"]
    director = subjects["director"]
    council = issued.audit_return.self_audit.council
    client = Client()
    client.force_login(director)
    # The usual paper (seed 002 without its Appendix 1): the evaluation, the self-audit summary
    # with its chart and the action plan — about ten pages. Then the same with the statement of
    # roles and responsibilities as well, the longest paper the service prints.
    short = draft_report(council, ReportKind.EVALUATION, director)
    roles.start_from_template(council, director)
    full = draft_report(council, ReportKind.EVALUATION, director)
    reports = f"/councils/{council.code}/cabinet-reports/"
    documents = [
        (
            "Evaluation PDF (seed 000 layout)",
            f"/councils/{council.code}/evaluations/{issued.pk}/pdf/",
        ),
        ("Cabinet report PDF (3 appendices)", f"{reports}{short.pk}/pdf/"),
        ("Cabinet report PDF (4 appendices, with roles)", f"{reports}{full.pk}/pdf/"),
    ]
    rows = []
    for label, path in documents:
        content = b""

        def download(path=path):
            nonlocal content
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            content = response.content

        download()  # warm: fonts decoded once per process, templates
        times = []
        for _ in range(repeat):
            cache.clear()
            start = time.perf_counter()
            download()
            times.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(content)).pages)
        rows.append(
            {"label": label, "path": path, "pages": pages, "kb": len(content) / 1024}
            | summary(times)
            | pdf_memory(database_url, director.pk, path)
        )
    return rows


def pdf_memory(database_url, user_pk, path) -> dict:
    """Peak memory of one PDF download, in a fresh process so that nothing else is counted."""
    command = [sys.executable, __file__, "--pdf-memory", path, "--database-url", database_url]
    command += ["--user", str(user_pk)]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure_pdf_memory(database_url, user_pk, path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "climbie_audit.settings"
    os.environ["TASKS_BACKEND"] = "immediate"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from climbie_audit.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_pk))
    assert client.get("/ping/").status_code == 200  # Django, the session, the page shell
    result = {}

    def download():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    result = peak_memory_of(download)
    print(json.dumps(result))


def time_spreadsheets(subjects, repeat=5) -> list[dict]:
    import io

    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    from standards.models import AuditReturn
    from standards.spreadsheet.cells import COVER_COUNCIL, COVER_COUNCIL_CODE, COVER_SHEET
    from standards.spreadsheet.export import return_workbook

    officer, draft, submitted = subjects["officer"], subjects["draft"], subjects["submitted"]
    council = draft.self_audit.council
    code = council.code
    officer_client, inspector_client = Client(), Client()
    officer_client.force_login(officer)
    inspector_client.force_login(subjects["inspector"])
    rows = []

    def get_all(client, path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content

    def timed(operation):
        operation()
        times = []
        for _ in range(repeat):
            cache.clear()
            start = time.perf_counter()
            operation()
            times.append(time.perf_counter() - start)
        return summary(times)

    export_path = f"/councils/{code}/self-audit/versions/{submitted.number}/return.xlsx"
    size = len(get_all(officer_client, export_path))
    rows.append(
        {"label": "Export one return (54 rows), whole request", "notes": f"{size / 1024:.0f} KB"}
        | timed(lambda: get_all(officer_client, export_path))
    )

    # A complete return to upload: another council's submitted answers, relabelled as this
    # council's, so nearly every criterion changes.
    other = (
        AuditReturn.objects.filter(
            status="submitted", self_audit__framework=draft.self_audit.framework
        )
        .exclude(self_audit=draft.self_audit)
        .select_related("self_audit__council")
        .order_by("-pk")
        .first()
    )
    workbook = return_workbook(draft.self_audit, other)
    cover = workbook[COVER_SHEET]
    for label_cell, value_cell in cover.iter_rows(min_col=1, max_col=2):
        if label_cell.value == COVER_COUNCIL_CODE:
            value_cell.value = code
        elif label_cell.value == COVER_COUNCIL:
            value_cell.value = council.name
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    upload_path = f"/councils/{code}/self-audit/upload/"
    check_path = f"/councils/{code}/self-audit/upload/check/"
    upload_times, apply_times, changed = [], [], []

    class Rollback(Exception):
        pass

    for _ in range(repeat + 1):
        cache.clear()
        try:
            with transaction.atomic():
                upload = io.BytesIO(data)
                upload.name = "return.xlsx"
                start = time.perf_counter()
                response = officer_client.post(upload_path, {"workbook": upload})
                assert response.status_code == 302, response.content[:2000]
                preview = officer_client.get(check_path)
                assert preview.status_code == 200, preview.status_code
                upload_times.append(time.perf_counter() - start)
                pending = officer_client.session[f"spreadsheet-import:{code}"]
                changed.append(len(pending["changes"]))
                start = time.perf_counter()
                response = officer_client.post(check_path, {"token": pending["token"]})
                apply_times.append(time.perf_counter() - start)
                assert response.status_code == 302, response.status_code
                raise Rollback  # every run imports into the same draft
        except Rollback:
            pass
    rows.append(
        {
            "label": "Import a complete return: upload, check, preview",
            "notes": f"{changed[-1]} of 54 criteria change",
        }
        | summary(upload_times[1:])
    )
    rows.append(
        {"label": "Import a complete return: apply (confirm)", "notes": "one transaction"}
        | summary(apply_times[1:])
    )
    national = "/national/returns.xlsx"
    size = len(get_all(inspector_client, national))
    rows.append(
        {"label": "National workbook (every submitted return)", "notes": f"{size / 1024:.0f} KB"}
        | timed(lambda: get_all(inspector_client, national))
    )
    overview = "/national/overview.xlsx"
    size = len(get_all(inspector_client, overview))
    rows.append(
        {"label": "National overview as XLSX", "notes": f"{size / 1024:.0f} KB"}
        | timed(lambda: get_all(inspector_client, overview))
    )
    return rows


# =============================================================================================
# The driver: scratch databases, one worker each, the table.
# =============================================================================================


def postgres_reachable() -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=1):
            pass
    except OSError:
        return False
    try:
        import psycopg2

        psycopg2.connect(dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER).close()
    except Exception:
        return False
    return True


def postgres_admin():
    import psycopg2

    admin = psycopg2.connect(dbname="postgres", host=PG_HOST, port=PG_PORT, user=PG_USER)
    admin.autocommit = True
    return admin


def run_worker(label, database_url, runs) -> dict:
    with tempfile.TemporaryDirectory(prefix="climbie-bench-") as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, __file__, "--worker", label, "--database-url", database_url]
        command += ["--runs", str(runs), "--out", str(out)]
        started = time.perf_counter()
        completed = subprocess.run(command, cwd=ROOT, env=os.environ.copy())
        if completed.returncode != 0:
            raise SystemExit(f"The {label} benchmark failed (exit {completed.returncode}).")
        result = json.loads(out.read_text())
        result["wall_seconds"] = time.perf_counter() - started
        return result


def machine() -> dict:
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        total_kb = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": total_kb / 1024 / 1024,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def markdown(results: list[dict], info: dict, loads: tuple, elapsed: float, runs: int) -> str:
    lines = [
        "# Benchmark results (`make bench`)",
        "",
        f"Run {info['when']}; {elapsed:.0f} s in all. Machine: {info['nproc']} CPUs "
        f"({info['cpu']}), {info['memory_gb']:.1f} GB memory, Python {info['python']}.",
        f"Load average (1, 5, 15 min) at the start {loads[0]}, at the end {loads[1]} — "
        f"{'a quiet machine' if quiet(loads, info) else 'a BUSY machine (other work running): figures are noisy'}.",
        "",
        f"Server time through Django's test client, DEBUG off, {runs} requests per page after a "
        "warm-up, pages timed round-robin. Data: `seed_demo` + "
        f"`seed_national --councils {NATIONAL_COUNCILS} --seed {SEED}`. Ratio = page median / "
        f"BASELINE median (target ≤ {RATIO_LIMIT:.0f}×).",
        "",
        f"**{CACHE_NOTE}** Every page is worked out from the database on each request; only "
        "the figures of submitted returns and issued evaluations, which never change, may be "
        "cached (by id), and here they are not (docs/decisions/0003-what-is-cached.md).",
    ]
    for result in results:
        base = next(p for p in result["pages"] if p["key"] == "baseline")["median_ms"]
        lines += [
            "",
            f"## {result['label']} ({result['server_version']}), {result['councils']} councils",
            "",
            f"Set-up (migrate, framework, demo) {result['setup_seconds']:.1f} s; "
            f"seed_national {result['seed_national_seconds']:.1f} s. Template loaders: "
            f"{', '.join(result['template_loaders'])}.",
            "",
            "| page | median ms | p95 ms | queries | × baseline |",
            "|---|---:|---:|---:|---:|",
        ]
        for page in result["pages"]:
            ratio = page["median_ms"] / base
            flag = "" if ratio <= RATIO_LIMIT else " **over**"
            lines.append(
                f"| {page['label']} | {page['median_ms']:.1f} | {page['p95_ms']:.1f} | "
                f"{page['queries']} | {ratio:.2f}{flag} |"
            )
        lines += [
            "",
            "| PDF (whole request) | pages | median ms | p95 ms | peak RSS MB | rise MB |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for pdf in result["pdfs"]:
            lines.append(
                f"| {pdf['label']} | {pdf['pages']} | {pdf['median_ms']:.0f} | "
                f"{pdf['p95_ms']:.0f} | {pdf['peak_rss_mb']:.0f} | {pdf['peak_increase_mb']:.0f} |"
            )
        lines += [
            "",
            "| XLSX (whole request) | median ms | p95 ms | notes |",
            "|---|---:|---:|---|",
        ]
        for row in result["xlsx"]:
            lines.append(
                f"| {row['label']} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['notes']} |"
            )
        lines += [
            "",
            "Subjects: " + "; ".join(f"{k}: {v}" for k, v in result["subjects"].items()) + ".",
        ]
    return "\n".join(lines) + "\n"


def quiet(loads, info) -> bool:
    """Quiet: the 1-minute load stayed under a quarter of the CPUs, around our own work."""
    return max(loads[0][0], loads[1][0]) < 0.25 * info["nproc"] + 1


def print_table(results):
    for result in results:
        base = next(p for p in result["pages"] if p["key"] == "baseline")["median_ms"]
        print(
            f"\n=== {result['label']} ({result['server_version']}), {result['councils']} councils"
        )
        print(CACHE_NOTE)
        print(f"{'page':<52} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'x base':>7}")
        for page in result["pages"]:
            ratio = page["median_ms"] / base
            over = "  OVER 5x" if ratio > RATIO_LIMIT else ""
            print(
                f"{page['label']:<52} {page['median_ms']:>10.1f} {page['p95_ms']:>8.1f} "
                f"{page['queries']:>8} {ratio:>7.2f}{over}"
            )
        print(
            f"\n{'PDF (whole request)':<60} {'pages':>5} {'median ms':>10} {'p95 ms':>8} {'peak RSS MB':>12} {'rise MB':>8}"
        )
        for pdf in result["pdfs"]:
            print(
                f"{pdf['label']:<60} {pdf['pages']:>5} {pdf['median_ms']:>10.0f} {pdf['p95_ms']:>8.0f} "
                f"{pdf['peak_rss_mb']:>12.0f} {pdf['peak_increase_mb']:>8.0f}"
            )
        print(f"\n{'XLSX (whole request)':<52} {'median ms':>10} {'p95 ms':>8}  notes")
        for row in result["xlsx"]:
            print(
                f"{row['label']:<52} {row['median_ms']:>10.0f} {row['p95_ms']:>8.0f}  {row['notes']}"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="requests per page (default 30)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--pdf-memory", help=argparse.SUPPRESS)
    parser.add_argument("--user", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pdf_memory:
        measure_pdf_memory(args.database_url, args.user, args.pdf_memory)
        return 0
    if args.worker:
        worker(args.worker, args.database_url, args.runs, Path(args.out))
        return 0

    print(CACHE_NOTE, flush=True)
    started = time.perf_counter()
    info = machine() | {"when": datetime.datetime.now().strftime("%Y-%m-%d %H:%M")}
    load_start = tuple(round(x, 2) for x in os.getloadavg())
    results = []
    with tempfile.TemporaryDirectory(prefix="climbie-bench-sqlite-") as scratch:
        print("Benchmarking on SQLite…", flush=True)
        results.append(
            run_worker("SQLite", f"sqlite:///{Path(scratch) / 'bench.sqlite3'}", args.runs)
        )
    if args.no_postgres:
        print("PostgreSQL skipped (--no-postgres).")
    elif not postgres_reachable():
        print(f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT}: SQLite only.")
    else:
        name = f"climbie_bench_{uuid.uuid4().hex[:8]}"
        admin = postgres_admin()
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        try:
            print(f"Benchmarking on PostgreSQL (scratch database {name})…", flush=True)
            results.append(
                run_worker(
                    "PostgreSQL", f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}", args.runs
                )
            )
        finally:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    load_end = tuple(round(x, 2) for x in os.getloadavg())
    elapsed = time.perf_counter() - started
    print_table(results)
    text = markdown(results, info, (load_start, load_end), elapsed, args.runs)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text)
    (RESULTS / "latest.json").write_text(
        json.dumps({"machine": info, "load": [load_start, load_end], "results": results}, indent=2)
    )
    print(f"\nLoad average at start {load_start}, at end {load_end}; {elapsed:.0f} s in all.")
    print(f"Written to {RESULTS / 'latest.md'}")
    over = [
        (r["label"], p["label"])
        for r in results
        for p in r["pages"]
        if p["median_ms"] / next(b for b in r["pages"] if b["key"] == "baseline")["median_ms"]
        > RATIO_LIMIT
    ]
    slow = [
        (r["label"], d["label"])
        for r in results
        for d in r["pdfs"]
        if d["median_ms"] / 1000 > PDF_LIMIT_SECONDS
    ]
    for database, label in over:
        print(f"OVER {RATIO_LIMIT:.0f}x BASELINE (empty cache) on {database}: {label}")
    for database, label in slow:
        print(f"PDF OVER {PDF_LIMIT_SECONDS} s on {database}: {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
