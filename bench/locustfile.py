"""The national deadline as a locust load (issue 17): 150 councils with three officers each rating
and saving, their directors on the dashboard and the evaluation PDF, 20 SSI inspectors reading
returns and writing evaluations — each person signing in once, the sign-ins spread over the first
minutes, and think times of people reading guidance and filling in forms. (bench/load_test.py
asks for /ping/, the smallest signed-in page, throughout: the yardstick for every other kind.)

Run it through bench/load_test.py (`make loadtest`), which builds the database, starts gunicorn
on 127.0.0.1, passes the people to sign in as in LOAD_TEST_PLAN (a JSON file), and reads the
results. A 409 is what the service answers when two people save the same thing at once: it is
an expected outcome of concurrency, counted (LOAD_TEST_OUTCOMES), not a failure.
"""

import itertools
import json
import os
import random
import time
import uuid
from collections import Counter
from html.parser import HTMLParser

import gevent
from locust import HttpUser, between, events, task

PASSWORD = "climbie-demo-2003"
with open(os.environ["LOAD_TEST_PLAN"]) as plan_file:
    PLAN = json.load(plan_file)
OUTCOMES = Counter()
# (when, name, milliseconds, outcome): outcome "ok", "problem page" (GOV.UK's "Sorry, there is a
# problem with the service", no trace) or "bad" (anything else that was not the answer expected).
SAMPLES: list[tuple[float, str, float, str]] = []
# Acknowledged saves, to look for in the database afterwards: ("answer", token) and
# ("evaluation", pk, token, when).
ACKNOWLEDGED: list[list] = []
PROBLEM_PAGE = "Sorry, there is a problem with the service"
# Think times (seconds between one page and the next) of each kind of person: LOAD_TEST_THINK
# scales them (the short run keeps them, the long run too; a quick check can shrink them).
THINK = float(os.environ.get("LOAD_TEST_THINK", "1"))


class FormFields(HTMLParser):
    """The fields a browser would send back from the page's first POST form, unchanged."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.in_form = False
        self.done = False
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "form"
            and not self.done
            and (attrs.get("method") or "").lower() == "post"
            and "sign-out" not in (attrs.get("action") or "")
        ):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value") or "on"
            elif kind not in ("submit", "button", "file"):
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
            self.done = True
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    # Browsers drop the single newline that follows <textarea>.
    return {k: v[1:] if v.startswith("\n") else v for k, v in parser.fields.items()}


def outcome_of(response, expected) -> str:
    if expected(response):
        return "ok"
    text = response.text if "text/html" in response.headers.get("Content-Type", "") else ""
    if response.status_code in (500, 503) and PROBLEM_PAGE in text and "Traceback" not in text:
        return "problem page"
    return "bad"


class Person(HttpUser):
    abstract = True
    people: list = []

    def on_start(self):
        # Each simulated person is a different real person of the plan, signing in once; if the
        # service is away at that moment they try again a little later, as people do.
        self.me = next(self.queue)
        for _ in range(20):
            if self.sign_in():
                return
            gevent.sleep(3)

    def sign_in(self) -> bool:
        with self.client.get("/sign-in/", name="sign in (page)", catch_response=True) as page:
            if not self.judge(page, "sign in (page)", lambda r: r.status_code == 200):
                return False
        token = self.client.cookies.get("csrftoken")
        with self.client.post(
            "/sign-in/",
            {"username": self.me["username"], "password": PASSWORD, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            name="sign in",
            catch_response=True,
        ) as response:
            return self.judge(response, "sign in", lambda r: r.status_code == 302)

    def judge(self, response, name, expected) -> bool:
        outcome = outcome_of(response, expected)
        SAMPLES.append((time.time(), name, 0.0, outcome))
        if outcome == "ok":
            response.success()
            return True
        response.failure(f"{response.request.path_url}: {response.status_code} ({outcome})")
        return False

    def page(self, path, name):
        """A GET that must answer 200 (no redirect followed: a redirect here is a failure)."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            return r.text if self.judge(r, name, lambda r: r.status_code == 200) else None

    def save(self, path, fields, name) -> bool:
        """A POST of a form: 302 is saved, 409 a conflict with someone else's save."""
        fields = fields | {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken")}
        with self.client.post(
            path, fields, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if not self.judge(response, name, lambda r: r.status_code in (302, 409)):
                return False
            saved = response.status_code == 302
            OUTCOMES[f"{name}: {'saved' if saved else 'conflict (409)'}"] += 1
            return saved


def people_of(kind):
    return PLAN[kind], itertools.cycle(PLAN[kind])


class Officer(Person):
    """Works through the standards of the council's draft: reads the guidance, types evidence."""

    fixed_count = len(PLAN["officers"])
    people, queue = people_of("officers")
    wait_time = between(30 * THINK, 90 * THINK)

    @task(2)
    def task_list(self):
        # "/" sends a council's people on to their self-audit task list.
        self.page(f"/councils/{self.me['code']}/self-audit/", "officer: task list")

    @task(6)
    def rate_and_save(self):
        if not self.me["standards"]:
            return self.task_list()
        number = random.choice(self.me["standards"])
        path = f"/councils/{self.me['code']}/self-audit/standards/{number}/"
        html = self.page(path, "officer: standard page")
        if html is None:
            return
        fields = form_fields(html)
        prefixes = sorted({name.split("-")[0] for name in fields if name.endswith("-revision")})
        if not prefixes:
            return
        prefix = random.choice(prefixes)
        token = uuid.uuid4().hex[:12]
        fields[f"{prefix}-rating"] = str(random.randint(1, 4))
        fields[f"{prefix}-evidence"] = (
            f"Case file audit, sample {random.randint(1, 999)}; ref {token}."
        )
        fields["action"] = "later"
        if self.save(path, fields, "officer: save standard"):
            ACKNOWLEDGED.append(["answer", token])

    @task(1)
    def check_answers(self):
        if self.me["standards"]:
            self.page(f"/councils/{self.me['code']}/self-audit/check/", "officer: check answers")


class Inspector(Person):
    """Reads the workspace and councils' returns, writes draft evaluations."""

    fixed_count = len(PLAN["inspectors"])
    people, queue = people_of("inspectors")
    wait_time = between(20 * THINK, 60 * THINK)

    @task(2)
    def workspace(self):
        self.page("/inspector/", "inspector: workspace")

    @task(3)
    def read_return(self):
        code, number = random.choice(self.me["returns"])
        self.page(f"/councils/{code}/self-audit/versions/{number}/", "inspector: read a return")

    @task(1)
    def national(self):
        self.page("/national/overview/", "inspector: national overview")

    @task(3)
    def write_evaluation(self):
        if not self.me["evaluations"]:
            return self.workspace()
        code, pk = random.choice(self.me["evaluations"])
        path = f"/councils/{code}/evaluations/{pk}/edit/"
        html = self.page(path, "inspector: evaluation form")
        if html is None:
            return
        fields = form_fields(html)
        texts = [name for name in fields if name.endswith("-text")]
        token = uuid.uuid4().hex[:12]
        if texts:
            fields[random.choice(texts)] = f"Evidence supports most of the self audit; ref {token}."
        fields["action"] = "save"
        if self.save(path, fields, "inspector: save evaluation") and texts:
            ACKNOWLEDGED.append(["evaluation", pk, token, time.time()])


class Director(Person):
    """The night before cabinet: the dashboard and the evaluation PDF."""

    fixed_count = len(PLAN["directors"])
    people, queue = people_of("directors")
    wait_time = between(60 * THINK, 180 * THINK)

    @task(3)
    def dashboard(self):
        self.page(f"/councils/{self.me['code']}/dashboard/", "director: dashboard")

    @task(2)
    def evaluation_pdf(self):
        if not self.me["evaluation"]:
            return self.dashboard()
        path = f"/councils/{self.me['code']}/evaluations/{self.me['evaluation']}/pdf/"
        with self.client.get(
            path, name="director: evaluation PDF", allow_redirects=False, catch_response=True
        ) as response:
            self.judge(
                response,
                "director: evaluation PDF",
                lambda r: r.status_code == 200 and r.content.startswith(b"%PDF"),
            )


@events.request.add_listener
def record_time(name, response_time, exception, **kwargs):
    """The outcome was recorded by judge() with the time of the answer; add the response time."""
    for index in range(len(SAMPLES) - 1, max(-1, len(SAMPLES) - 50), -1):
        when, sample_name, ms, outcome = SAMPLES[index]
        if sample_name == name and ms == 0.0:
            SAMPLES[index] = (when, name, response_time, outcome)
            return
    SAMPLES.append((time.time(), name, response_time, "bad" if exception else "ok"))


@events.test_stop.add_listener
def write_outcomes(environment, **kwargs):
    target = os.environ.get("LOAD_TEST_OUTCOMES")
    if target:
        with open(target, "w") as out:
            json.dump(
                {"outcomes": dict(OUTCOMES), "samples": SAMPLES, "acknowledged": ACKNOWLEDGED},
                out,
            )
