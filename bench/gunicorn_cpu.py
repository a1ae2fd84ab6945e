"""gunicorn settings for `make loadtest`: each worker writes the CPU time of every request it
serves (its own process time: Python, templates, the database driver; not PostgreSQL's), so the
load test can say where the CPU goes per kind of request."""

import os
import time

_LOG = os.environ["LOAD_TEST_CPU_LOG"]


def pre_request(worker, req):
    worker.cpu_started = time.process_time()


def post_request(worker, req, environ, resp):
    spent = (time.process_time() - worker.cpu_started) * 1000
    with open(f"{_LOG}.{worker.pid}", "a") as log:
        log.write(f"{req.method} {req.path} {spent:.2f}\n")
