"""Documents made once and kept (stored.py), and drafts prepared off the request path by the
task queue (prepared.py, tasks.py). docs/decisions/0012-documents-made-once.md says why."""
