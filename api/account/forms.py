import ipaddress

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. the BI tool."))
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_DEFAULT_DAYS,
    )
    allowed_networks = forms.CharField(
        label=_("Allowed source addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "ltr"}),
        help_text=_("Optional: addresses or networks (CIDR), one per line. Empty: any address."),
    )

    def clean_allowed_networks(self) -> str:
        lines = self.cleaned_data["allowed_networks"].split()
        networks = []
        for line in lines:
            try:
                networks.append(str(ipaddress.ip_network(line, strict=False)))
            except ValueError:
                raise forms.ValidationError(_("%(value)s is not an address or a network.") % {"value": line}) from None
        return "\n".join(networks)
