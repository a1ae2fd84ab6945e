"""The council's statement of roles and responsibilities for safeguarding children (seed 002,
Appendix 1): started from a template, then the council's own to edit.

Roles are numbered 1, 2, 3 … across the groups in their fixed order (framework, scrutiny,
reporting or operational delivery), so the sentence that says which numbers carry which kind
of responsibility is computed too, never typed.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from climbie_audit.concurrency import StaleEdit, save_if_unchanged
from climbie_audit.models import Council, User
from reports.models import GROUP_ORDER, ResponsibleRole, RoleGroup, RoleStatement
from reports.roles import template as role_template

GROUP_PHRASES: dict[str, str] = {
    RoleGroup.FRAMEWORK: "Framework Responsibilities",
    RoleGroup.SCRUTINY: "Scrutiny Responsibilities",
    RoleGroup.DELIVERY: "Reporting or Operational Delivery Responsibilities",
}

FIELD_LABELS = {
    "group": "Kind of responsibility",
    "title": "Role",
    "responsibilities": "Responsibilities",
    "note": "Note",
}


@dataclass
class Responsibility:
    text: str
    points: list[str] = field(default_factory=list)


@dataclass
class NumberedRole:
    number: int
    role: ResponsibleRole
    responsibilities: list[Responsibility]


@dataclass
class RoleGroupView:
    group: str
    label: str
    roles: list[NumberedRole]

    @property
    def numbers(self) -> str:
        """ "1-7", "8" or "" for an empty group."""
        if not self.roles:
            return ""
        first, last = self.roles[0].number, self.roles[-1].number
        return str(first) if first == last else f"{first}-{last}"


@dataclass
class Register:
    statement: RoleStatement
    groups: list[RoleGroupView]

    @property
    def roles(self) -> list[NumberedRole]:
        return [role for group in self.groups for role in group.roles]

    @property
    def grouping_sentence(self) -> str:
        """Seed 002: "Roles in sections 1-7 have Framework Responsibilities; those in sections
        8-10 have Scrutiny Responsibilities; those in subsequent sections have …"."""
        parts: list[str] = []
        for group in self.groups:
            if not group.numbers:
                continue
            word = "section" if "-" not in group.numbers else "sections"
            subject = "Roles in" if not parts else "those in"
            parts.append(f"{subject} {word} {group.numbers} have {GROUP_PHRASES[group.group]}")
        return ("; ".join(parts) + ".") if parts else ""


def parse_responsibilities(text: str) -> list[Responsibility]:
    """One responsibility per line; a line starting with "- " is a point of the one before."""
    result: list[Responsibility] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            point = line[2:].strip()
            if result:
                result[-1].points.append(point)
            else:
                result.append(Responsibility(point))
        else:
            result.append(Responsibility(line))
    return result


def statement_of(council: Council) -> RoleStatement | None:
    return RoleStatement.objects.filter(council=council).first()


def ordered_roles(statement: RoleStatement) -> list[ResponsibleRole]:
    roles = list(statement.roles.all())
    return sorted(roles, key=lambda r: (GROUP_ORDER.index(r.group), r.position, r.pk))


def register_of(statement: RoleStatement, roles: list[ResponsibleRole] | None = None) -> Register:
    roles = ordered_roles(statement) if roles is None else roles
    groups = {value: RoleGroupView(value, label, []) for value, label in RoleGroup.choices}
    for number, role in enumerate(roles, start=1):
        groups[role.group].roles.append(
            NumberedRole(number, role, parse_responsibilities(role.responsibilities))
        )
    return Register(statement, [groups[value] for value in GROUP_ORDER])


def template_roles(council: Council) -> list[dict[str, str]]:
    return [
        {
            "group": group,
            "title": title,
            "responsibilities": "\n".join(lines).replace("{council}", council.name),
            "note": note,
        }
        for group, title, lines, note in role_template.ROLES
    ]


@transaction.atomic
def start_from_template(council: Council, user: User | None = None) -> RoleStatement:
    """The council's statement, created from the template the first time (idempotent)."""
    statement, created = RoleStatement.objects.get_or_create(
        council=council,
        defaults={
            "title": role_template.TITLE,
            "preamble": role_template.PREAMBLE,
            "updated_by": user,
        },
    )
    if created:
        ResponsibleRole.objects.bulk_create(
            ResponsibleRole(statement=statement, position=position, updated_by=user, **values)
            for position, values in enumerate(template_roles(council), start=1)
        )
    return statement


# --- Editing, with no silent overwrites ------------------------------------------------------


class RoleConflict(StaleEdit):
    """Someone changed (or removed) the role after the person saving now had loaded it."""


def _labelled(name: str, value: object) -> object:
    if name == "group":
        return RoleGroup(str(value)).label if value in RoleGroup.values else value
    return value


def add_role(statement: RoleStatement, user: User, values: dict[str, object]) -> ResponsibleRole:
    """A new role goes at the end of its group."""
    with transaction.atomic():
        last = statement.roles.aggregate(last=Max("position"))["last"] or 0
        return ResponsibleRole.objects.create(
            statement=statement, position=last + 1, updated_by=user, **values
        )


def change_role(
    role: ResponsibleRole, user: User, started_from: int, values: dict[str, object]
) -> ResponsibleRole:
    """A role someone else has removed meanwhile is a RoleConflict with no current role."""
    with transaction.atomic():
        current, before = save_if_unchanged(
            ResponsibleRole,
            role.pk,
            started_from,
            values,
            FIELD_LABELS,
            conflict=RoleConflict,
            user=user,
            shown=_labelled,
        )
        if "group" in before:
            # Moving to another group puts the role at the end of that group.
            last = current.statement.roles.aggregate(last=Max("position"))["last"] or 0
            current.position = last + 1
            ResponsibleRole.objects.filter(pk=current.pk).update(position=current.position)
        return current


def remove_role(role: ResponsibleRole, started_from: int) -> None:
    with transaction.atomic():
        current = ResponsibleRole.objects.select_for_update().filter(pk=role.pk).first()
        if current is None:
            return  # already removed: the outcome asked for
        if current.revision != started_from:
            raise RoleConflict(current, [])
        current.delete()
