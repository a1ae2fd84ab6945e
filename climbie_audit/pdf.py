"""Accessible PDFs from Django templates with WeasyPrint: tagged (PDF/UA-1), titled, with a
language, fonts embedded.

WeasyPrint fetches whatever a document links to. The documents here are built from what councils
and inspectors type, so the fetcher loads only the app's own static files: no network, and no
file outside the static directories.
"""

import contextlib
import functools
import io
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

LANGUAGE = "en-GB"
PT_PER_PX = 0.75
# The variant makes WeasyPrint tag the structure and write the PDF/UA identification.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
# Relative references such as {% static 'x.css' %} ("/static/x.css") resolve against this.
BASE_URL = "file:///"


class ResourceRefused(ValueError):
    """A document tried to load something other than one of the app's static files."""


def static_roots() -> list[Path]:
    roots = [Path(d).resolve() for d in getattr(settings, "STATICFILES_DIRS", [])]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def resolve_static(url: str) -> Path:
    """The file a document may load for `url`, or ResourceRefused."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"Refused to load {url!r}: only the app's static files may load")
    path = url2pathname(unquote(parts.path))
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if path.startswith(static_prefix):
        # "/static/build/pdf.css", as {% static %} writes it: ask the static files finders.
        relative = path.removeprefix(static_prefix)
        try:
            found = finders.find(relative)
        except SuspiciousFileOperation as error:
            raise ResourceRefused(f"Refused to load {url!r}") from error
        if not found and settings.STATIC_ROOT:
            candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
            found = str(candidate) if candidate.is_file() else None
        if not found:
            raise ResourceRefused(f"No static file {relative!r}")
        resolved = Path(found).resolve()
        allowed = static_roots() + [Path(p).resolve() for p in _app_static_dirs()]
        if not _inside(resolved, allowed):
            raise ResourceRefused(f"Refused to load {url!r}")
        return resolved
    resolved = Path(path).resolve()
    if _is_shipped_font(resolved):
        return resolved
    if not _inside(resolved, static_roots() + _app_static_dirs()) or not resolved.is_file():
        raise ResourceRefused(f"Refused to load {url!r}: outside the static directories")
    return resolved


def _app_static_dirs() -> list[Path]:
    """The `static/` folders of installed apps, which the app-directories finder serves."""
    from django.apps import apps

    dirs = []
    for config in apps.get_app_configs():
        candidate = Path(config.path) / "static"
        if candidate.is_dir():
            dirs.append(candidate.resolve())
    return dirs


class StaticFilesOnly(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
    """A WeasyPrint URL fetcher that serves the app's static files and refuses everything else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            # Inline data carries no request anywhere; let WeasyPrint decode it as usual.
            return super().fetch(url, headers)
        try:
            path = resolve_static(url)
        except ResourceRefused:
            logger.warning("PDF rendering refused to load %s", url)
            raise
        if _is_shipped_font(path):
            return URLFetcherResponse(path.as_uri(), decoded_font(path))
        return URLFetcherResponse(path.as_uri(), path.read_bytes())


class PdfTookTooLong(RuntimeError):
    """Rendering ran past settings.PDF_TIME_LIMIT_SECONDS and was stopped."""

    message = (
        "The PDF could not be made because the document is too long to print in time. "
        "Shorten the longest sections and try again."
    )


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop what runs inside after `seconds` of wall-clock time with PdfTookTooLong.

    WeasyPrint's layout is Python, so a timer signal interrupts it between two steps and frees
    the worker. Signals reach only the main thread: gunicorn's sync workers and the task
    worker run documents there; elsewhere (the threaded development server) nothing is bounded.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise PdfTookTooLong(f"PDF rendering took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class RenderedPage:
    """What a step after rendering may need of a page: its height in points and where each
    element with an id landed on it: (left, top, right, bottom) in CSS px from the page's
    top-left corner."""

    height_pt: float
    anchors: dict[str, tuple[float, float, float, float]]


# A step after rendering, within the same time limit: the PDF and its pages, to a new PDF.
Finish = Callable[[bytes, list[RenderedPage]], bytes]


def render_pdf(
    template_name: str,
    context: dict[str, object],
    *,
    title: str,
    lang: str = LANGUAGE,
    finish: Finish | None = None,
) -> bytes:
    """Render a Django template to a tagged PDF with the given document title and language,
    within settings.PDF_TIME_LIMIT_SECONDS (PdfTookTooLong past it). `finish`, if given, turns
    the rendered PDF into the one returned (pages of an attached document drawn in, say)."""
    with time_limit(settings.PDF_TIME_LIMIT_SECONDS):
        html = render_to_string(
            template_name,
            {**context, "pdf_title": title, "pdf_lang": lang, "pdf_font_faces": font_faces_css()},
        )
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).render(
            **PDF_OPTIONS
        )
        # Whatever the template says, the PDF carries the title and language it was asked for.
        document.metadata.title = title
        document.metadata.lang = lang
        pdf: bytes = document.write_pdf(**PDF_OPTIONS)
        if finish is not None:
            pages = [
                RenderedPage(page.height * PT_PER_PX, dict(page.anchors)) for page in document.pages
            ]
            pdf = finish(pdf, pages)
    return pdf


# --- Fonts shipped with the app ----------------------------------------------------------------
# Arimo (npm @fontsource/arimo, installed by `make setup`) is metrically identical to Arial, the
# font of the service and of the councils' papers. Templates that print {{ pdf_font_faces }}
# get it under the names "Arimo" and "Arial", so text (SVG charts included) never depends on which
# fonts the machine has. Only the package's .woff/.woff2 files may load.

FONT_DIRS = [Path(settings.BASE_DIR) / "node_modules" / "@fontsource" / "arimo" / "files"]
FONT_SUFFIXES = (".woff2", ".woff")
FONT_FAMILIES = ("Arimo", "Arial")
# The Latin subset covers English with its accents, £, dashes and curly quotes; Latin Extended
# is a second family the text falls back to for other European names.
FONT_SUBSETS = (("latin", ""), ("latin-ext", " Ext"))


@functools.lru_cache(maxsize=32)
def decoded_font(path: Path) -> bytes:
    """The font as plain TrueType, decoded once per process: decoding WOFF2 costs about 0.3 s a
    face, which WeasyPrint would otherwise pay for every face of every document."""
    data = path.read_bytes()
    if data[:4] == b"wOF2":
        from fontTools.ttLib import woff2

        out = io.BytesIO()
        woff2.decompress(io.BytesIO(data), out)
        return out.getvalue()
    if data[:4] == b"wOFF":
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(data))
        font.flavor = font.flavorData = None
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    return data


def _is_shipped_font(path: Path) -> bool:
    roots = [directory.resolve() for directory in FONT_DIRS]
    return path.suffix in FONT_SUFFIXES and _inside(path, roots) and path.is_file()


def font_faces_css() -> str:
    """@font-face rules for the shipped font, with file URLs the fetcher will serve."""
    rules = []
    for directory in FONT_DIRS:
        for subset, suffix in FONT_SUBSETS:
            for weight in (400, 700):
                for style in ("normal", "italic"):
                    path = directory / f"arimo-{subset}-{weight}-{style}.woff2"
                    if not path.is_file():
                        continue
                    for family in FONT_FAMILIES:
                        rules.append(
                            f'@font-face {{ font-family: "{family}{suffix}"; '
                            f"font-weight: {weight}; font-style: {style}; "
                            f'src: url("{path.resolve().as_uri()}") format("woff2"); }}'
                        )
    return "\n".join(rules)
