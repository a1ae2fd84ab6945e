import factory

from climbie_audit.models import Council, InspectorAssignment, User

PASSWORD = "correct-horse-battery-staple"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Test Council {n}")
    code = factory.Sequence(lambda n: f"T{n:03d}")
    region = "East Midlands"
    kind = Council.Kind.UNITARY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.uk")
    role = User.Role.OFFICER
    council = factory.SubFactory(CouncilFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OfficerFactory(UserFactory):
    role = User.Role.OFFICER


class DirectorFactory(UserFactory):
    role = User.Role.DIRECTOR


class InspectorFactory(UserFactory):
    role = User.Role.INSPECTOR
    council = None


class AdministratorFactory(UserFactory):
    role = User.Role.ADMINISTRATOR
    council = None
    is_staff = True
    is_superuser = True


def assign(inspector, council):
    return InspectorAssignment.objects.get_or_create(inspector=inspector, council=council)[0]


# The councils and people behind tests/conftest.py's fixtures (council_a, officer, director,
# inspector...), made here so that a fixture of a wider scope (data made once for a module) makes
# the very rows that the per-test fixtures then find by code and username.
def council_a():
    return CouncilFactory(name="Leicester", code="509", region="East Midlands")


def council_b():
    return CouncilFactory(name="Derby", code="510", region="East Midlands")


def officer_a(council):
    return OfficerFactory(username="officer.a", council=council)


def director_a(council):
    return DirectorFactory(username="director.a", council=council)


def inspector_a(council):
    person = InspectorFactory(username="inspector.a")
    assign(person, council)
    return person
