from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import StyledFormMixin
from advisors.forms import NeedChoiceField
from advisors.models import Need
from clusters.models import Cluster
from clusters.reference import ServiceDomain

from ..models import KnowledgeItem, KnowledgeKind, Ministry, SubKind
from ..models.knowledge import SOURCE_SUBKINDS, TEMPLATE_SUBKINDS, KnowledgeLanguage


class MinistryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class KnowledgeForm(StyledFormMixin, forms.Form):
    """An item's fields. `for_case=True` is the CEO's case study form: no kind, no translation link."""

    kind = forms.ChoiceField(label=_("Kind"), choices=KnowledgeKind.choices)
    subkind = forms.ChoiceField(
        label=_("Type of source or template"),
        choices=[("", "—"), *SubKind.choices],
        required=False,
        help_text=_(
            "Sources: a study, a law, a government decision or a dataset. Templates: a tender, a service "
            "agreement between authorities or a board resolution."
        ),
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.order_by("name_he"),
        required=False,
        help_text=_("For a case study: the cluster whose experience it tells."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    link = forms.URLField(label=_("Link"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=KnowledgeLanguage.choices)
    translation_of = forms.ModelChoiceField(
        label=_("Translation of"),
        queryset=KnowledgeItem.objects.none(),
        required=False,
        help_text=_("When this item translates another one, choose the original."),
    )
    needs = NeedChoiceField(
        label=_("Needs"),
        queryset=Need.objects.select_related("group"),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        required=False,
    )
    domains = forms.MultipleChoiceField(
        label=_("Core-service domains"),
        choices=ServiceDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ministries = MinistryChoiceField(
        label=_("Ministries"), queryset=Ministry.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, for_case: bool = False, clusters=None, item: KnowledgeItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_case = for_case
        for name in ("title", "summary", "body"):
            self.fields[name].widget.attrs["dir"] = "auto"
        if for_case:
            del self.fields["kind"], self.fields["subkind"], self.fields["translation_of"]
            if clusters is not None:
                self.fields["cluster"].queryset = clusters
                self.fields["cluster"].required = True
                if len(clusters) == 1:
                    self.fields["cluster"].initial = clusters[0]
        else:
            originals = KnowledgeItem.objects.filter(translation_of__isnull=True).order_by("title")
            if item is not None:
                originals = originals.exclude(pk=item.pk)
            self.fields["translation_of"].queryset = originals

    def clean(self):
        data = super().clean()
        if self.for_case:
            return data
        kind, subkind = data.get("kind"), data.get("subkind") or ""
        allowed = {
            KnowledgeKind.SOURCE: SOURCE_SUBKINDS,
            KnowledgeKind.TEMPLATE: TEMPLATE_SUBKINDS,
        }.get(kind, ())
        if allowed and subkind not in allowed:
            self.add_error("subkind", _("Choose the type of this source or template."))
        elif not allowed and subkind:
            self.add_error("subkind", _("Only sources and templates have a type."))
        if kind == KnowledgeKind.CASE_STUDY and not data.get("cluster"):
            self.add_error("cluster", _("A case study tells the experience of one cluster: choose it."))
        return data

    @staticmethod
    def initial_from(item: KnowledgeItem) -> dict:
        return {
            "kind": item.kind,
            "subkind": item.subkind,
            "cluster": item.cluster_id,
            "title": item.title,
            "summary": item.summary,
            "body": item.body,
            "link": item.link,
            "language": item.language,
            "translation_of": item.translation_of_id,
            "needs": [need.code for need in item.needs.all()],
            "domains": item.domain_codes,
            "ministries": [ministry.pk for ministry in item.ministries.all()],
        }


class KnowledgeFilterForm(forms.Form):
    """The knowledge centre's search and filters, all in the URL."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    need = forms.ChoiceField(label=_("Need"), required=False)
    domain = forms.ChoiceField(
        label=_("Domain"), choices=[("", _("Any domain")), *ServiceDomain.choices], required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind")), *KnowledgeKind.choices], required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *KnowledgeLanguage.choices], required=False
    )

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Any need")), *[(need.code, need.label) for need in needs]]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        error_messages={"required": _("Say why the item goes back to its author.")},
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))
