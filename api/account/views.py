"""The account page's access tokens: create (shown once), list, revoke."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import tokens
from .forms import TokenForm


@never_cache
def token_list(request):
    """The person's tokens; POST creates one and shows it this once."""
    form = TokenForm(request.POST or None)
    secret = None
    allowed = tokens.can_create_token(request.user)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            _token, secret = tokens.create_token(user=request.user, request=request, **form.cleaned_data)
        except tokens.TokenError as error:
            form.add_error(None, str(error))
        else:
            form = TokenForm()
    elif request.method == "POST" and not allowed:
        messages.error(request, _("Set up two-factor authentication before creating an access token."))
    return render(
        request,
        "api/account/tokens.html",
        {
            "form": form,
            "secret": secret,
            "can_create": allowed,
            "tokens": tokens.tokens_of(request.user),
        },
        status=403 if request.method == "POST" and not allowed else 200,
    )


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    if tokens.revoke_token(token=token, revoked_by=request.user, request=request):
        messages.success(request, _("The token was revoked."))
    return redirect("tokens:list")
