"""Comparing a form's GOV.UK markup from one template fragment with crispy-forms-gds's."""

from html.parser import HTMLParser

from django.template import Context, Template
from django.template.loader import render_to_string

CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")


class Markup(HTMLParser):
    """Elements, attributes (in order) and text, with runs of whitespace made one space."""

    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.items.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.items.append(("end", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.items.append(("text", text))


def both_ways(template_name, make_form):
    """(the fragment's markup, crispy-forms-gds's markup) of two identical forms, each made by
    `make_form` (crispy-forms-gds changes the widgets' attributes as it renders)."""
    by_template = render_to_string(template_name, {"form": make_form()})
    by_crispy = CRISPY.render(Context({"form": make_form()}))
    return Markup(by_template).items, Markup(by_crispy).items
