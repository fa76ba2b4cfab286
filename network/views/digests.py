"""The weekly digest's settings: the needs and domains a person follows."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from ..forms.digests import DigestPreferenceForm
from ..models import DigestPreference
from ..services.digests import save_digest_preference
from .knowledge import _require_reader


def digest_preferences(request):
    _require_reader(request.user)
    preference = DigestPreference.objects.filter(user=request.user).prefetch_related("needs").first()
    initial = {"is_subscribed": True}
    if preference is not None:
        initial = {
            "is_subscribed": preference.is_subscribed,
            "needs": [need.code for need in preference.needs.all()],
            "domains": preference.domain_codes,
        }
    form = DigestPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_digest_preference(user=request.user, **form.cleaned_data)
        messages.success(request, gettext("Your digest settings were saved."))
        return redirect("network:digest_preferences")
    return render(request, "network/digest_preferences.html", {"form": form})
