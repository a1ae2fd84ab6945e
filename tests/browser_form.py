"""What a browser would post back from a page's form, read from the page's HTML: inputs with
their values, checked radios and checkboxes, and textareas with their text (a browser drops the
one newline that follows <textarea>, and posts line breaks as \\r\\n)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attributes:
                return
            if kind in ("submit", "button"):
                return
            self.fields[name] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            text = text.removeprefix("\r\n").removeprefix("\n")
            self.fields[self._textarea] = text
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def posted_back(html: str) -> dict[str, str]:
    """The page's form data as a browser posts it, line breaks as \\r\\n."""
    reader = _FormReader()
    reader.feed(html)
    return {name: value.replace("\n", "\r\n") for name, value in reader.fields.items()}
