"""Dates, counts and numerals as a cabinet paper writes them: "11 and 12 August 2009",
"two areas", "iv)"."""

import datetime

from django.utils import timezone

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def count_words(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def long_date(value: datetime.date | None) -> str:
    if value is None:
        return "a date not recorded"
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return f"{value.day} {value:%B %Y}"


def dates_between(start: datetime.date, end: datetime.date) -> str:
    """ "11 and 12 August 2009", "30 June to 2 July 2009", "3 March 2004"."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month) and end.day - start.day == 1:
        return f"{start.day} and {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def a_or_an(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase
