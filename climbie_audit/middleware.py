"""Middleware of the base app that belongs to no one concept."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class NulBytePathMiddleware:
    """A NUL byte anywhere in the path (raw or as %00) names no page: answer 404 before any
    view, URL converter or database (PostgreSQL refuses NUL in text) sees it. It runs before
    sessions and sign-in, so the page is the plain "Page not found" of an anonymous visitor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "\x00" in request.path_info:
            return render(request, "errors/404.html", status=404)
        return self.get_response(request)
