"""Scale-out: two app servers on one database. A conflict made across them is still detected,
because nothing about an edit lives in a server process (sessions and revisions are in the DB)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
PASSWORD = "climbie-demo-2003"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *commands):
    """Run management commands, one after another, in one process: one start-up of Django."""
    calls = "; ".join(f"call_command({', '.join(map(repr, command))})" for command in commands)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         f"from django.core.management import call_command; {calls}"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture
def scratch_database(tmp_path):
    """A database of its own, shared by both servers: PostgreSQL when the suite runs on it."""
    if connection.vendor == "postgresql":
        import psycopg2

        db = connection.settings_dict
        name = f"twoapp_{uuid.uuid4().hex[:8]}"
        where = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
        admin = psycopg2.connect(dbname="postgres", **where)
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{name}"')
        yield f"postgres://{where['user']}@{where['host']}:{where['port']}/{name}"
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    else:
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"


@pytest.fixture
def two_servers(scratch_database):
    env = {**os.environ, "DATABASE_URL": scratch_database, "DEBUG": "false", "CONN_MAX_AGE": "0"}
    manage(env, ("migrate", "--no-input"), ("load_framework",), ("seed_demo",))
    servers = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "climbie_audit.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "30"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        servers.append((process, f"http://127.0.0.1:{port}"))
    try:
        for _, base in servers:
            wait_until_up(base)
        yield [base for _, base in servers]
    finally:
        for process, _ in servers:
            process.terminate()
            process.wait(timeout=10)


def wait_until_up(base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/sign-in/", timeout=5):
                return
        except OSError:  # refused, reset or timed out while the server boots
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


class Browser:
    """Just enough of a browser: cookies, CSRF token, form posts, no redirects followed."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, path):
        with self.opener.open(self.base + path) as response:
            return response.status, response.read().decode()

    def post(self, path, fields):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(self, username):
        self.get("/sign-in/")
        status, _ = self.post("/sign-in/", {"username": username, "password": PASSWORD})
        assert status == 302, "sign-in failed"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def standard_form(html) -> dict:
    """The fields of a standard page as the browser would send them back unchanged."""
    fields = dict(
        re.findall(
            r'name="(c\d+_\d+-(?:revision|evidence|lead_officer))"[^>]*value="([^"]*)"', html
        )
    )
    for name in re.findall(r'name="(c\d+_\d+-(?:evidence|improvement))"', html):
        fields.setdefault(name, "")
    return fields


def test_conflict_is_detected_across_two_app_servers(two_servers):
    first, second = Browser(two_servers[0]), Browser(two_servers[1])
    first.sign_in("officer.derby")
    second.sign_in("officer.derby")  # the same officer in two tabs, served by two servers
    page = "/councils/510/self-audit/standards/4/"
    form_on_first = standard_form(first.get(page)[1])
    form_on_second = standard_form(second.get(page)[1])
    assert form_on_first["c4_1-revision"] == form_on_second["c4_1-revision"]

    saved, _ = first.post(
        page,
        form_on_first | {"action": "later", "c4_1-rating": "2", "c4_1-evidence": "From server A"},
    )
    assert saved == 302
    clash, html = second.post(
        page,
        form_on_second | {"action": "later", "c4_1-rating": "4", "c4_1-evidence": "From server B"},
    )
    assert clash == 409
    assert "changed 4.1" in html and "From server A" in html
    _, reread = second.get(page)
    assert "From server A" in reread and "From server B" not in reread
