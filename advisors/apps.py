from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisorsConfig(AppConfig):
    name = "advisors"

    def ready(self):
        # SQLite gets pg_trgm's word_similarity as a function of its own, so search finds what PostgreSQL finds.
        from django.db.backends.signals import connection_created

        from .trigrams import register_on_sqlite

        connection_created.connect(register_on_sqlite, dispatch_uid="advisors-word-similarity")

    verbose_name = _("Advisors")
    role_homes = {
        "advisor": "advisors:home",
        "organisation_manager": "advisors:home",
        "curator": "advisors:curator_home",
    }
    # What needs doing now on the home pages (accounts.todo): the function listing it for a person.
    needs_doing = "advisors.todo.needs_doing"
    nav_items = [
        ("advisors:home", _("My advisory work"), {"advisor", "organisation_manager"}),
        ("advisors:curator_home", _("Catalogue curation"), {"curator"}),
        ("advisors:catalogue", _("Advisor catalogue"), {"cluster_ceo", "curator"}),
        ("advisors:shortlist_list", _("My shortlists"), {"cluster_ceo"}),
    ]
    # Labels of the audit events this app records (see accounts.models.audit_action_labels).
    audit_actions = {
        "advisor_applied": _("applied to the catalogue"),
        "organisation_vetted": _("organisation vetted"),
        "organisation_rejected": _("organisation rejected"),
        "organisation_suspended": _("organisation suspended"),
        "profile_suspended": _("profile suspended"),
        "profile_reinstated": _("profile reinstated"),
        "profile_checked": _("profile checked by a curator"),
    }
