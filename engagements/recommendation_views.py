"""The CEO's recommendations page: advisors ranked for the cluster's open needs and lagging goal domains.

It lives here, not in advisors, because open needs depend on the cluster's engagements; the ranking itself is
advisors.recommendations.rank_advisors.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from advisors.recommendations import rank_in_database
from advisors.selectors import (
    listed_profiles,
    organisations_barred_from,
    recommendation_defaults,
    shortlists_of,
)

from .cluster_choice import ceo_cluster_choice
from .forms import OpenNeedsForm
from .needs import open_needs


def recommendations(request):
    """Ranked advisors for the chosen cluster, each explained, with links to shortlist or engage them.

    The form starts from the cluster's open needs (see engagements.needs), its region and the domains of its
    goals at risk or off track; the CEO may change any of them. Queries do not grow with advisors, needs,
    shortlists or engagements.
    """
    choice = ceo_cluster_choice(request)
    if choice is None:
        raise PermissionDenied
    cluster = choice.cluster
    needs = open_needs(cluster=cluster)
    initial = {**recommendation_defaults(cluster=cluster), "open_needs": [item.code for item in needs]}
    if "chosen" in request.GET:
        form = OpenNeedsForm(request.GET)
        values = form.cleaned_data if form.is_valid() else None
        if values is not None:
            values = {**values, "open_needs": [need.code for need in values["open_needs"]]}
    else:
        form = OpenNeedsForm(initial=initial)
        values = {**initial, "languages": []}
    ranked = []
    if values is not None:
        ranked = rank_in_database(
            # An organisation a control mandate bars from the cluster is never recommended to it.
            profiles=listed_profiles().exclude(organisation__in=organisations_barred_from(cluster_id=cluster.pk)),
            open_needs=values["open_needs"],
            lagging_domains=values["lagging_domains"],
            region=values["region"] or None,
            languages=values["languages"],
        )
    shortlists = list(shortlists_of(cluster_id=cluster.pk))
    new_url = reverse("engagements:new")
    rows = []
    for item in ranked:
        query = [("profile", item.profile.pk), ("cluster", cluster.pk)]
        query += [("needs", code) for code in item.needs_covered]
        rows.append(
            {
                "item": item,
                "needs": [need for need in item.profile.needs.all() if need.code in item.needs_covered],
                "engage_url": f"{new_url}?{urlencode(query)}",
                "suggested_shortlist": next(
                    (shortlist.pk for shortlist in shortlists if shortlist.need.code in item.needs_covered), None
                ),
            }
        )
    return render(
        request,
        "engagements/recommendations.html",
        {
            "choice": choice,
            "cluster": cluster,
            "form": form,
            "open_needs": needs,
            "rows": rows,
            "shortlists": shortlists,
            "searched": values is not None,
        },
    )
