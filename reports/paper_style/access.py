"""A council's house style for its cabinet papers is its director's to choose: officers of the
council may not (403), nor may SSI or administrators (403, as for building a report); other
councils get 404."""

from climbie_audit.access import council_for, require_director_of
from climbie_audit.models import Council, User


def style_settings_of(user: User, council_code: str) -> Council:
    council = council_for(user, council_code)
    require_director_of(user, council)
    return council
