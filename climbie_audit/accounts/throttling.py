"""The username django-axes counts failures against, bounded: a username as typed can be any
length and hold any character, but axes stores it in a 255-character column (a longer one was a
500 on PostgreSQL) and PostgreSQL refuses NUL in text."""

MAX_USERNAME = 150  # the User model's own limit; nothing longer names anyone


def bounded_username(request, credentials=None) -> str | None:
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    if username is None:
        return None
    return str(username).replace("\x00", "")[:MAX_USERNAME]
