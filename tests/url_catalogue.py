"""Every URL pattern of the project, with sample arguments, for tests that must cover them all."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_BY_CONVERTER = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "path": "sample",
    "uuid": None,
}


def iter_patterns(patterns=None, prefix="", namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + str(entry.pattern)


def sample_path(route: str) -> str:
    """Turn a route ('framework/criteria/<str:code>/' or an admin regex) into a concrete path."""
    if route.startswith("^") or "(?P" in route:
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
        route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
        route = re.sub(r"\(\?:[^)]*\)\??", "", route)
    route = re.sub(
        r"<(?:(\w+):)?\w+>",
        lambda m: SAMPLE_BY_CONVERTER.get(m.group(1) or "str") or "sample",
        route,
    )
    return "/" + route.lstrip("/")


def all_paths():
    return sorted({(name, sample_path(route)) for name, route in iter_patterns()})
