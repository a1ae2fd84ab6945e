"""Spreadsheet benchmarks (issue 4): export of one return, import of a complete return, and the
national workbook for 150 councils × 54 criteria (target: under 2 s and under 200 MB).

Standalone: it builds its own data in a throwaway SQLite database, whatever DATABASE_URL says,
so it never touches a real database. Run it from the project root:

    .venv/bin/python bench/spreadsheet_bench.py [--councils 150] [--repeat 5]

Times are the median of --repeat runs without tracing; peak memory is measured in a separate run
under tracemalloc (Python allocations made during the operation), and the process's maximum
resident set size is reported at the end.
"""

import argparse
import datetime
import io
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="climbie-spreadsheet-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["DEBUG"] = "0"  # Django keeps every query in memory when DEBUG is on
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "climbie_audit.settings")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from climbie_audit.models import Council, User  # noqa: E402
from standards import spreadsheet, upload_safety  # noqa: E402
from standards.framework_data import load_all_frameworks  # noqa: E402
from standards.models import Answer, AuditReturn, Criterion, SelfAudit  # noqa: E402

NATIONAL_SECONDS = 2.0
NATIONAL_MEGABYTES = 200


def build_data(councils: int):
    call_command("migrate", verbosity=0)
    framework = load_all_frameworks()[0]
    criteria = list(Criterion.objects.filter(standard__framework=framework))
    rng = random.Random(2003)
    Council.objects.bulk_create(
        Council(
            name=f"Bench Council {n:03d}",
            code=f"B{n:03d}",
            region=rng.choice(["East Midlands", "London", "North West", "South West"]),
            kind=Council.Kind.UNITARY,
        )
        for n in range(councils)
    )
    all_councils = list(Council.objects.order_by("code"))
    User.objects.bulk_create(
        User(username=f"director.{c.code}", role=User.Role.DIRECTOR, council=c)
        for c in all_councils
    )
    directors = {u.council_id: u for u in User.objects.filter(role=User.Role.DIRECTOR)}
    SelfAudit.objects.bulk_create(SelfAudit(council=c, framework=framework) for c in all_councils)
    audits = list(SelfAudit.objects.select_related("council"))
    now = timezone.now()
    AuditReturn.objects.bulk_create(
        AuditReturn(
            self_audit=a,
            number=1,
            status=AuditReturn.Status.SUBMITTED,
            submitted_at=now,
            submitted_by=directors[a.council_id],
            reference=f"{a.council.code}-{framework.code}-V1".upper(),
        )
        for a in audits
    )
    answers = []
    for audit_return in AuditReturn.objects.all():
        for criterion in criteria:
            rating = rng.choice([1, 2, 3, 4, 4])
            answers.append(
                Answer(
                    audit_return=audit_return,
                    criterion=criterion,
                    rating=rating,
                    evidence=f"Evidence for {criterion.code}: " + "audit findings. " * 8,
                    improvement="" if rating == 4 else f"Improve {criterion.code}",
                    lead_officer="Head of Service",
                    target_date=None
                    if rating == 4
                    else datetime.date(2003, rng.choice([3, 4, 6, 9]), 1),
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    return framework


def timed(operation, repeat: int):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        operation()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_megabytes(operation) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    operation()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / (1024 * 1024)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    build_data(args.councils)
    print(
        f"Built {args.councils} councils × {Criterion.objects.count()} criteria "
        f"({Answer.objects.count()} answers) in {time.perf_counter() - started:.1f} s "
        f"(SQLite in {WORKDIR})\n"
    )
    results = []

    # 1. Export of one return (a submitted one, fully answered).
    audit_return = AuditReturn.objects.select_related("self_audit__council").first()
    audit = audit_return.self_audit

    def export_one():
        return spreadsheet.workbook_bytes(spreadsheet.return_workbook(audit, audit_return))

    exported = export_one()
    results.append(
        (
            "Export one return (54 rows)",
            timed(export_one, args.repeat),
            peak_megabytes(export_one),
            f"{len(exported) / 1024:.0f} KB",
        )
    )

    # 2. Import of a complete return: another council's answers, all 54 criteria change.
    other = AuditReturn.objects.select_related("self_audit__council").last()
    draft = AuditReturn.objects.create(self_audit=other.self_audit, number=2)
    Answer.objects.bulk_create(
        Answer(audit_return=draft, criterion_id=a.criterion_id) for a in other.answers.all()
    )
    # The file is this council's own form filled with the first council's answers.
    filled = spreadsheet.return_workbook(other.self_audit, audit_return)
    filled["Cover"]["B5"] = other.self_audit.council.code
    filled["Cover"]["B4"] = other.self_audit.council.name
    upload = io.BytesIO()
    filled.save(upload)
    data = upload.getvalue()
    user = User.objects.get(council=other.self_audit.council)

    def check_and_plan():
        upload_safety.check_workbook_bytes("return.xlsx", data)
        incoming = spreadsheet.read_return(data, other.self_audit)
        return spreadsheet.plan_import(draft, incoming)

    plan = check_and_plan()
    assert len(plan) == 54, len(plan)
    results.append(
        (
            "Import: check, parse, validate, preview",
            timed(check_and_plan, args.repeat),
            peak_megabytes(check_and_plan),
            f"{len(plan)} criteria change",
        )
    )

    def check_plan_apply():
        with transaction.atomic():
            plan = check_and_plan()
            pending = spreadsheet.pending_import(draft, plan, "return.xlsx")
            changed = spreadsheet.apply_import(draft, user, pending)
            assert len(changed) == 54
            transaction.set_rollback(True)  # so every run imports into the same empty draft

    results.append(
        (
            "Import a complete return, applied",
            timed(check_plan_apply, args.repeat),
            peak_megabytes(check_plan_apply),
            "one transaction",
        )
    )

    # 3. The national workbook.
    from climbie_audit.access import national_returns

    inspector = User.objects.create(username="inspector.bench", role=User.Role.INSPECTOR)

    def national():
        framework_now, returns = national_returns(inspector)
        with tempfile.TemporaryFile() as output:
            rows = spreadsheet.write_national_workbook(framework_now, returns, output)
            return rows, output.tell()

    with CaptureQueriesContext(connection) as queries:
        rows, size = national()
    national_seconds = timed(national, args.repeat)
    national_peak = peak_megabytes(national)
    results.append(
        (
            f"National workbook ({args.councils} councils)",
            national_seconds,
            national_peak,
            f"{rows} rows, {size / 1024:.0f} KB, {len(queries)} queries",
        )
    )

    print(f"{'operation':<42} {'median time':>12} {'peak memory':>12}  notes")
    for name, seconds, megabytes, notes in results:
        print(f"{name:<42} {seconds * 1000:>9.0f} ms {megabytes:>9.1f} MB  {notes}")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nProcess maximum resident set size: {max_rss:.0f} MB (includes Django and test data)")
    ok = national_seconds < NATIONAL_SECONDS and national_peak < NATIONAL_MEGABYTES
    print(
        f"National workbook target (< {NATIONAL_SECONDS:.0f} s, < {NATIONAL_MEGABYTES} MB): "
        + ("met" if ok else "MISSED")
    )
    shutil.rmtree(WORKDIR, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
