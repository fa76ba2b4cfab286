"""factory_boy factories for the project's models, one module per app re-exported here."""

import factory
from factory.django import DjangoModelFactory

from accounts import services
from accounts.models import User
from advisors.models import AdvisorOrganisation
from clusters.models import Cluster


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """People in tests have verified their address, as every invited person has."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    cbs_code = factory.Sequence(lambda n: 900 + n)
    name_he = factory.Sequence(lambda n: f"אשכול בדיקה {n}")
    name_ar = factory.Sequence(lambda n: f"عنقود تجريبي {n}")
    name_en = factory.Sequence(lambda n: f"Test cluster {n}")


class AdvisorOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = AdvisorOrganisation

    name = factory.Sequence(lambda n: f"Advisory firm {n}")


def user_with_role(role: str, scope=None, **user_fields) -> User:
    """A new person holding one role (granted through the service, so the rules apply)."""
    user = UserFactory(**user_fields)
    services.grant_role(user=user, role=role, scope=scope)
    return user
