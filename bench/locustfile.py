"""The national deadline as a locust load: officers rating and saving, inspectors reading returns
and writing evaluations, directors downloading PDFs and the dashboard — at once.

Run it through bench/load_test.py (`make loadtest`), which builds the database, starts gunicorn
on 127.0.0.1, passes the people to sign in as in LOAD_TEST_PLAN (a JSON file), and reads the
results. A 409 is what the service answers when two people save the same thing at once: it is
an expected outcome of concurrency, counted (LOAD_TEST_OUTCOMES), not a failure.
"""

import json
import os
import random
import time
from collections import Counter
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

PASSWORD = "climbie-demo-2003"
with open(os.environ["LOAD_TEST_PLAN"]) as plan_file:
    PLAN = json.load(plan_file)
OUTCOMES = Counter()
SAMPLES: list[tuple[float, str, float, bool]] = []  # (when, name, milliseconds, failed)


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


class Person(HttpUser):
    abstract = True
    # Time between one page and the next: quicker than people at work (who read and type for
    # minutes), so that 50 simulated people are a heavy deadline day.
    wait_time = between(2, 8)
    people: list = []

    def on_start(self):
        self.me = random.choice(self.people)
        self.client.get("/sign-in/", name="sign in (page)")
        token = self.client.cookies.get("csrftoken")
        with self.client.post(
            "/sign-in/",
            {"username": self.me["username"], "password": PASSWORD, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            name="sign in",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in as {self.me['username']}: {response.status_code}")

    def page(self, path, name):
        """A GET that must answer 200 (no redirect followed: a redirect here is a failure)."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{path}: {r.status_code}")
                return None
            return r.text

    def save(self, path, fields, name):
        """A POST of a form: 302 is saved, 409 a conflict with someone else's save."""
        fields = fields | {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken")}
        with self.client.post(
            path, fields, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                OUTCOMES[f"{name}: saved"] += 1
                response.success()
            elif response.status_code == 409:
                OUTCOMES[f"{name}: conflict (409)"] += 1
                response.success()
            else:
                response.failure(f"{path}: {response.status_code}")


class Officer(Person):
    """Works through the standards of the council's draft: opens a page, rates, saves."""

    weight = 5
    people = PLAN["officers"]

    @task(3)
    def task_list(self):
        self.page("/", "officer: task list")

    @task(6)
    def rate_and_save(self):
        number = random.choice(self.me["standards"])
        path = f"/councils/{self.me['code']}/self-audit/standards/{number}/"
        html = self.page(path, "officer: standard page")
        if html is None:
            return
        fields = form_fields(html)
        prefixes = sorted({name.split("-")[0] for name in fields if name.endswith("-revision")})
        prefix = random.choice(prefixes)
        fields[f"{prefix}-rating"] = str(random.randint(1, 4))
        fields[f"{prefix}-evidence"] = f"Case file audit, sample {random.randint(1, 999)}."
        fields["action"] = "later"
        self.save(path, fields, "officer: save standard")

    @task(1)
    def check_answers(self):
        self.page(f"/councils/{self.me['code']}/self-audit/check/", "officer: check answers")


class Inspector(Person):
    """Reads the workspace and councils' returns, writes draft evaluations."""

    weight = 3
    people = PLAN["inspectors"]

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
        code, pk = random.choice(self.me["evaluations"])
        path = f"/councils/{code}/evaluations/{pk}/edit/"
        html = self.page(path, "inspector: evaluation form")
        if html is None:
            return
        fields = form_fields(html)
        texts = [name for name in fields if name.endswith("-text")]
        if texts:
            fields[random.choice(texts)] = (
                f"Evidence supports most of the self audit (visit {random.randint(1, 999)})."
            )
        fields["action"] = "save"
        self.save(path, fields, "inspector: save evaluation")


class Director(Person):
    """The night before cabinet: the dashboard and the evaluation PDF."""

    weight = 2
    people = PLAN["directors"]

    @task(3)
    def dashboard(self):
        self.page(f"/councils/{self.me['code']}/dashboard/", "director: dashboard")

    @task(2)
    def evaluation_pdf(self):
        path = f"/councils/{self.me['code']}/evaluations/{self.me['evaluation']}/pdf/"
        with self.client.get(
            path, name="director: evaluation PDF", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                response.failure(f"{path}: {response.status_code}")


@events.request.add_listener
def record_sample(name, response_time, exception, **kwargs):
    SAMPLES.append((time.time(), name, response_time, exception is not None))


@events.test_stop.add_listener
def write_outcomes(environment, **kwargs):
    target = os.environ.get("LOAD_TEST_OUTCOMES")
    if target:
        with open(target, "w") as out:
            json.dump({"outcomes": dict(OUTCOMES), "samples": SAMPLES}, out)
