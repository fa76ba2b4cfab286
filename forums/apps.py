from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Everyone who may sit in a forum finds them in the navigation: authority heads and CEOs, advisors who facilitate,
# referents who observe, the national unit that convenes the national ones.
MEMBERS = {
    "cluster_ceo",
    "board_member",
    "advisor",
    "organisation_manager",
    "referent_interior",
    "referent_treasury",
    "head_referent",
    "knowledge_editor",
    "platform_admin",
}


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")
    needs_doing = "forums.todo.needs_doing"
    nav_items = [("forums:forum_list", _("Forums"), MEMBERS)]
    audit_actions = {
        "forum_created": _("forum opened"),
        "forum_member_added": _("member seated in a forum"),
        "forum_member_ended": _("forum membership ended"),
        "forum_engagement_set": _("facilitating engagement of a forum set"),
        "meeting_scheduled": _("forum meeting planned"),
        "meeting_closed": _("forum meeting closed with its minutes"),
        "decision_recorded": _("forum decision recorded"),
        "decision_followed_up": _("forum decision followed up"),
        "calendar_feed_regenerated": _("calendar address regenerated"),
    }
