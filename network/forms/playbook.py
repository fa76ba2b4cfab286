from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin
from clusters.models import Cluster

from ..models import PlaybookSection


class PlaybookForm(StyledFormMixin, forms.Form):
    """An editor's revision of a page: every section and a note of what changed."""

    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in PlaybookSection.choices:
            self.fields[code] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"})
            )
        self.fields["contacts"].help_text = _("Roles and units, never names or personal details.")
        self.order_fields([*[code for code, _label in PlaybookSection.choices], "change_note"])
        # The sections are added after the mixin styled the fields it found.
        for field in self.fields.values():
            if "class" not in field.widget.attrs:
                field.widget.attrs["class"] = "form-control"


class SuggestionForm(StyledFormMixin, forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.none())
    section = forms.ChoiceField(label=_("Section"), choices=PlaybookSection.choices)
    text = forms.CharField(
        label=_("Suggested text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"})
    )
    reason = forms.CharField(label=_("Why"), max_length=500, required=False)

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        if len(clusters) == 1:
            self.fields["cluster"].initial = clusters[0]
            self.fields["cluster"].widget = forms.HiddenInput()


class AcceptSuggestionForm(StyledFormMixin, forms.Form):
    """The text an editor publishes from a suggestion (the suggestion's own when left empty)."""

    text = forms.CharField(
        label=_("Text to publish"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class DeclineSuggestionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Why it is declined"),
        max_length=500,
        error_messages={"required": _("Say why the suggestion is declined.")},
    )
