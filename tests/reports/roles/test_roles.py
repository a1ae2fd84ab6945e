"""The statement of roles and responsibilities (seed 002, Appendix 1): the template, numbering
across the groups, editing without silent overwrites, and who may see and change it."""

import pytest
from django.urls import reverse

from reports.models import ResponsibleRole, RoleGroup, RoleStatement
from reports.roles import rules as roles
from reports.roles import template as role_template


def test_the_template_transcribes_seed_002_appendix_1():
    groups = [group for group, *_ in role_template.ROLES]
    assert groups.count("framework") == 7
    assert groups.count("scrutiny") == 3
    assert groups.count("delivery") == 7
    titles = [title for _, title, _, _ in role_template.ROLES]
    assert titles[0] == "The Leader of the Council"
    assert titles[3] == "The Corporate Director of Social Care and Health"
    assert titles[-1] == "Other Practitioners and Support Staff"
    scrutiny = dict((t, lines) for _, t, lines, _ in role_template.ROLES)[
        "Scrutiny Committee Members"
    ]
    assert scrutiny[1:] == [
        "- the adequacy of funding",
        "- staff levels and morale",
        "- the Department's performance, including unallocated cases",
        "- the care, education, health and achievements of Looked After Children",
        "- that protection is accessible to all communities.",
    ]


def test_a_council_starts_from_the_template_once(council_b, director_b):
    statement = roles.start_from_template(council_b, director_b)
    again = roles.start_from_template(council_b, director_b)
    assert statement.pk == again.pk and statement.roles.count() == 17
    register = roles.register_of(statement)
    assert register.grouping_sentence == (
        "Roles in sections 1-7 have Framework Responsibilities; those in sections 8-10 have "
        "Scrutiny Responsibilities; those in sections 11-17 have Reporting or Operational "
        "Delivery Responsibilities."
    )
    acpc = next(r for r in register.roles if r.role.title == "Area Child Protection Committee")
    assert acpc.number == 12
    assert "safeguard children in Derby" in acpc.responsibilities[0].text
    scrutiny = register.roles[7]
    assert scrutiny.responsibilities[0].points[0] == "the adequacy of funding"


def test_roles_are_numbered_across_groups_whatever_order_they_were_added(council_a, director):
    statement = roles.start_from_template(council_a, director)
    added = roles.add_role(
        statement,
        director,
        {
            "group": "framework",
            "title": "Lead Member for Children",
            "responsibilities": "Lead.",
            "note": "",
        },
    )
    register = roles.register_of(statement)
    assert register.roles[7].role == added and register.roles[7].number == 8
    assert register.grouping_sentence.startswith("Roles in sections 1-8 have Framework")
    roles.remove_role(added, added.revision)
    first = ResponsibleRole.objects.filter(
        statement=statement, title="The Leader of the Council"
    ).get()
    moved = roles.change_role(first, director, first.revision, {"group": RoleGroup.DELIVERY})
    register = roles.register_of(statement)
    assert (
        register.roles[-1].role == moved
        and register.roles[0].role.title
        == "The Cabinet Lead for Social Services (and/or with designated responsibility for Safeguarding Children)"
    )


def test_a_stale_change_to_a_role_is_refused(council_a, director):
    statement = roles.start_from_template(council_a, director)
    role = statement.roles.get(title="Team Leaders")
    roles.change_role(role, director, role.revision, {"note": "Theirs."})
    with pytest.raises(roles.RoleConflict) as clash:
        roles.change_role(role, director, role.revision, {"note": "Mine."})
    assert [(d.label, d.theirs, d.mine) for d in clash.value.differences] == [
        ("Note", "Theirs.", "Mine.")
    ]
    with pytest.raises(roles.RoleConflict):
        roles.remove_role(role, role.revision)
    assert ResponsibleRole.objects.get(pk=role.pk).note == "Theirs."


def test_a_stale_change_of_group_shows_both_groups_by_name(council_a, director):
    statement = roles.start_from_template(council_a, director)
    role = statement.roles.get(title="Team Leaders")
    roles.change_role(role, director, role.revision, {"group": RoleGroup.SCRUTINY})
    with pytest.raises(roles.RoleConflict) as clash:
        roles.change_role(role, director, role.revision, {"group": RoleGroup.FRAMEWORK})
    assert [(d.label, d.theirs, d.mine) for d in clash.value.differences] == [
        ("Kind of responsibility", "Scrutiny responsibilities", "Framework responsibilities")
    ]


def test_the_director_edits_the_statement_through_the_pages(client_for, director, council_a):
    client = client_for(director)
    page = reverse("roles:statement", args=["509"])
    assert client.get(page).context["register"] is None
    assert client.post(page).status_code == 302
    statement = RoleStatement.objects.get(council=council_a)
    response = client.post(reverse("roles:add", args=["509"]), {"group": "scrutiny"})
    assert response.status_code == 400
    assert "Enter the role" in response.content.decode()
    assert "Enter the role&#x27;s responsibilities" in response.content.decode()
    response = client.post(
        reverse("roles:add", args=["509"]),
        {
            "group": "scrutiny",
            "title": "Children's Scrutiny Panel",
            "responsibilities": "Scrutinise performance.\r\n- unallocated cases\r\n",
            "note": "",
        },
    )
    assert response.status_code == 302
    role = statement.roles.get(title="Children's Scrutiny Panel")
    assert role.responsibilities == "Scrutinise performance.\n- unallocated cases"
    assert roles.register_of(statement).roles[10].role == role  # the end of its group
    remove = reverse("roles:remove", args=["509", role.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove, {"revision": role.revision}).status_code == 302
    assert not statement.roles.filter(pk=role.pk).exists()


def test_officers_and_inspectors_read_the_statement_but_do_not_change_it(
    client_for, director, officer, inspector, council_a
):
    statement = roles.start_from_template(council_a, director)
    role = statement.roles.first()
    for person in (officer, inspector):
        client = client_for(person)
        assert client.get(reverse("roles:statement", args=["509"])).status_code == 200
        assert client.get(reverse("roles:pdf", args=["509"])).status_code == 200
        assert client.get(reverse("roles:add", args=["509"])).status_code == 403
        assert client.get(reverse("roles:change", args=["509", role.pk])).status_code == 403
        assert (
            client.post(reverse("roles:remove", args=["509", role.pk]), {"revision": 0}).status_code
            == 403
        )
    assert statement.roles.filter(pk=role.pk).exists()


def test_other_councils_get_404(client_for, director_b, director, council_a):
    statement = roles.start_from_template(council_a, director)
    role = statement.roles.first()
    client = client_for(director_b)
    for path in (
        reverse("roles:statement", args=["509"]),
        reverse("roles:pdf", args=["509"]),
        reverse("roles:add", args=["509"]),
        reverse("roles:change", args=["509", role.pk]),
        reverse("roles:change", args=["510", role.pk]),  # Derby's URL, Leicester's role
    ):
        assert client.get(path).status_code == 404, path


def test_the_statement_downloads_as_word_numbered_as_its_pdf(client_for, council_a, director):
    import io

    from docx import Document

    roles.start_from_template(council_a, director)
    client = client_for(director)
    url = reverse("roles:docx", args=["509"])
    assert url.encode() in client.get(reverse("roles:statement", args=["509"])).content
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="roles-and-responsibilities-509.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert titles[0] == "1.\tThe Leader of the Council" and len(titles) == 17
    assert document.paragraphs[0].style.name == "Heading 1"
    assert "Roles in sections 1-7 have Framework Responsibilities" in document.paragraphs[1].text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet 2"]
    assert "the adequacy of funding" in bullets
