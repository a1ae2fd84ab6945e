"""Evaluation benchmarks (issue 5): the PDF render time of seed 000's evaluation, and the server
time of the inspector's workspace (150 councils) and of the evaluation form.

Standalone: it builds its own data in a throwaway SQLite database, whatever DATABASE_URL says,
so it never touches a real database. Run it from the project root:

    .venv/bin/python bench/evaluation_bench.py [--councils 150] [--runs 15]

Times are medians of --runs requests through Django's test client (server time: no network, no
browser), after one warm-up request; the query count of one more request is shown beside them.
"""

import argparse
import datetime
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="climbie-evaluation-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["DEBUG"] = "0"  # Django keeps every query in memory when DEBUG is on
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "climbie_audit.settings")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

REGIONS = ["East Midlands", "London", "North West", "South West", "West Midlands", "South East"]


def setup_django():
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_framework", stdout=io.StringIO())


def build(councils: int):
    """Leicester with seed 000's evaluation issued, and `councils` - 1 others in every state."""
    from django.utils import timezone

    from climbie_audit.models import Council, InspectorAssignment, User
    from evaluations import workflow
    from evaluations.models import Evaluation
    from standards.models import AuditReturn, Framework, SelfAudit
    from standards.self_audit import open_draft, save_answers, self_audit_for, submit
    from tests.evaluations import seed_000

    framework = Framework.objects.current()
    leicester = Council.objects.create(
        name="Leicester", code="509", region="East Midlands", kind="unitary"
    )
    officer = User.objects.create(username="officer", role="officer", council=leicester)
    director = User.objects.create(username="director", role="director", council=leicester)
    inspector = User.objects.create(
        username="inspector", role="inspector", first_name="Roy", last_name="Fryer"
    )
    InspectorAssignment.objects.create(inspector=inspector, council=leicester)

    draft = open_draft(self_audit_for(leicester, framework), officer)
    changes = {}
    for i, answer in enumerate(draft.answers.select_related("criterion")):
        rating = (4, 3, 2, 4)[i % 4]
        changes[answer.criterion_id] = (
            answer.revision,
            {
                "rating": rating,
                "evidence": "Procedures revised and endorsed by the ACPC; file audit. " * 3,
                "improvement": "Extend the file audit to all area teams." if rating < 4 else "",
                "lead_officer": "Service manager" if rating < 4 else "",
                "target_date": datetime.date(2003, 7, 1) if rating < 4 else None,
            },
        )
    save_answers(draft, officer, changes)
    audit_return = submit(draft, director, notify=False)

    evaluation = workflow.start_evaluation(audit_return, inspector, "a")
    values = {
        "completed_on": seed_000.COMPLETED_ON,
        "overall_serving": seed_000.OVERALL_SERVING,
        "overall_serving_text": seed_000.OVERALL_SERVING_TEXT,
        "overall_capacity": seed_000.OVERALL_CAPACITY,
        "overall_capacity_text": seed_000.OVERALL_CAPACITY_TEXT,
        "follow_up_visit": seed_000.FOLLOW_UP_VISIT,
    }
    judgements = {
        n: {"judgement": j, "text": seed_000.TEXTS[n]} for n, j in seed_000.JUDGEMENTS.items()
    }
    evaluation = workflow.save_evaluation(evaluation, inspector, 0, values, judgements)
    for description, domain, kind, highlight in seed_000.FINDINGS:
        workflow.add_finding(
            evaluation,
            {
                "description": description,
                "paf_domain": domain,
                "kind": kind,
                "highlight": highlight,
            },
        )
    issued = workflow.issue(evaluation, inspector, notify=False)
    # A second, draft evaluation (phase b) to time the form with everything filled in.
    follow_up = workflow.start_evaluation(audit_return, inspector, "b")

    others = Council.objects.bulk_create(
        Council(name=f"Council {n:03d}", code=f"C{n:03d}", region=REGIONS[n % 6], kind="unitary")
        for n in range(1, councils)
    )
    for council in others[:5]:
        InspectorAssignment.objects.create(inspector=inspector, council=council)
    audits = SelfAudit.objects.bulk_create(
        SelfAudit(council=c, framework=framework) for c in others
    )
    at = timezone.now()
    returns = AuditReturn.objects.bulk_create(
        AuditReturn(
            self_audit=a,
            number=1,
            status="submitted",
            submitted_at=at,
            submitted_by=director,
            reference=f"{a.council.code}-V1",
        )
        for i, a in enumerate(audits)
        if i % 3
    )
    Evaluation.objects.bulk_create(
        Evaluation(
            audit_return=r,
            inspector=inspector,
            status="issued" if i % 4 == 0 else "draft",
            issued_at=at if i % 4 == 0 else None,
            issued_by=inspector if i % 4 == 0 else None,
            completed_on=datetime.date(2003, 5, 6) if i % 4 == 0 else None,
            follow_up_visit=False if i % 4 == 0 else None,
            overall_serving=("some" if i % 8 == 0 else "most") if i % 4 == 0 else "",
            overall_capacity="promising" if i % 4 == 0 else "",
        )
        for i, r in enumerate(returns)
        if i % 2 == 0
    )
    return inspector, issued, follow_up


def timed(client, path, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200, path  # warm caches and templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return times, len(queries)


def median_ms(times) -> str:
    return f"{statistics.median(times) * 1000:8.1f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    try:
        setup_django()
        from django.test import Client
        from django.urls import reverse

        from evaluations.models import Evaluation
        from evaluations.views import evaluation_title
        from reports.pdf import render_pdf

        inspector, issued, follow_up = build(args.councils)
        client = Client()
        client.force_login(inspector)
        code = issued.audit_return.self_audit.council.code

        rows = []
        times, queries = timed(client, reverse("evaluations:workspace"), args.runs)
        rows.append((f"Workspace ({args.councils} councils)", times, queries))
        times, queries = timed(
            client, reverse("evaluations:edit", args=[code, follow_up.pk]), args.runs
        )
        rows.append(("Evaluation form (54 criteria beside it)", times, queries))
        times, queries = timed(
            client, reverse("evaluations:detail", args=[code, issued.pk]), args.runs
        )
        rows.append(("Issued evaluation, read page", times, queries))
        times, queries = timed(
            client, reverse("evaluations:pdf", args=[code, issued.pk]), args.runs
        )
        rows.append(("Evaluation PDF, whole request", times, queries))

        # The renderer alone: template to tagged PDF bytes.
        evaluation = Evaluation.objects.select_related(
            "audit_return__self_audit__council", "inspector"
        ).get(pk=issued.pk)
        council = evaluation.audit_return.self_audit.council
        context = {
            "council": council,
            "evaluation": evaluation,
            "judgements": list(
                evaluation.judgements.select_related("standard").order_by("standard__number")
            ),
            "findings": list(evaluation.findings.all()),
            "phases": Evaluation.Phase.choices,
        }
        render_times, size = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            size = len(render_pdf("pdf/evaluation.html", context, title=evaluation_title(council)))
            render_times.append(time.perf_counter() - start)

        print(f"Evaluation benchmark: median of {args.runs} runs, SQLite, DEBUG off")
        print(f"{'':44} {'median':>11} {'min':>11} {'max':>11} {'queries':>8}")
        for label, times, queries in rows:
            print(
                f"{label:44} {median_ms(times)} {min(times) * 1000:8.1f} ms "
                f"{max(times) * 1000:8.1f} ms {queries:8d}"
            )
        print(
            f"{'render_pdf() of seed 000 (' + str(size // 1024) + ' KB)':44} "
            f"{median_ms(render_times)} {min(render_times) * 1000:8.1f} ms "
            f"{max(render_times) * 1000:8.1f} ms {'-':>8}"
        )
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
