from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Everyone who works with clusters reads the knowledge centre and the playbook.
READERS = {
    "cluster_ceo",
    "board_member",
    "advisor",
    "organisation_manager",
    "curator",
    "referent_interior",
    "referent_treasury",
    "head_referent",
    "knowledge_editor",
    "platform_admin",
}


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("National cluster")
    role_homes = {"knowledge_editor": "network:editor_home"}
    # What needs doing now on the home pages (accounts.todo): the function listing it for a person.
    needs_doing = "network.todo.needs_doing"
    nav_items = [
        ("network:editor_home", _("Editorial desk"), {"knowledge_editor"}),
        ("network:knowledge_list", _("Knowledge centre"), READERS),
        ("network:ministry_list", _("Ministry playbook"), READERS),
        ("network:call_list", _("Calls for proposals"), {"cluster_ceo", "knowledge_editor"}),
    ]
    audit_actions = {
        "knowledge_created": _("knowledge item drafted"),
        "knowledge_submitted": _("knowledge item sent for review"),
        "knowledge_published": _("knowledge item published"),
        "knowledge_returned": _("knowledge item returned to its author"),
        "case_proposed": _("case study proposed by a cluster"),
        "playbook_version_published": _("playbook page revised"),
        "playbook_suggestion_made": _("change suggested to a playbook page"),
        "playbook_suggestion_accepted": _("playbook suggestion accepted"),
        "playbook_suggestion_declined": _("playbook suggestion declined"),
        "call_posted": _("call for proposals posted"),
        "call_updated": _("call for proposals updated"),
        "application_recorded": _("application to a call recorded"),
        "application_updated": _("application to a call updated"),
    }
