"""The catalogue's filters. Every value lives in the URL, so a search can be shared."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.fields import validate_domain_date
from accounts.forms import StyledFormMixin
from clusters.reference import Region, ServiceDomain

from .forms import MAX_DAY_RATE
from .models import AdvisorProfile, Need, NeedGroup, OrganisationKind, Orientation, RelationshipModel, SpokenLanguage
from .selectors import need_groups, order_profiles, search_profiles


class CatalogueFilterForm(StyledFormMixin, forms.Form):
    pass


ANY = _("Any")

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("rating", _("Rating")),
    ("experience", _("Experience")),
    ("rate", _("Day rate, lowest first")),
]


class CodeFilter(django_filters.ChoiceFilter):
    """A code stored framed by commas (",north,south,")."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__contains": f",{value},"})


class CatalogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search names and bios"), method="filter_text")
    need = django_filters.ModelChoiceFilter(
        label=_("Need"), empty_label=ANY, to_field_name="code", queryset=Need.objects.all(), method="filter_need"
    )
    need_group = django_filters.ModelChoiceFilter(
        label=_("Need group"),
        empty_label=ANY,
        to_field_name="code",
        queryset=NeedGroup.objects.all(),
        method="filter_need",
    )
    domain = CodeFilter(
        label=_("Core-service domain"), empty_label=ANY, field_name="domains", choices=ServiceDomain.choices
    )
    region = CodeFilter(label=_("Region"), empty_label=ANY, field_name="regions", choices=Region.choices)
    language = CodeFilter(label=_("Language"), empty_label=ANY, field_name="languages", choices=SpokenLanguage.choices)
    orientation = django_filters.ChoiceFilter(
        label=_("Orientation"), empty_label=ANY, choices=Orientation.choices, method="filter_orientation"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Organisation kind"), empty_label=ANY, field_name="organisation__kind", choices=OrganisationKind.choices
    )
    relationship = django_filters.ChoiceFilter(
        label=_("Relationship model"),
        empty_label=ANY,
        field_name="organisation__relationship_model",
        choices=RelationshipModel.choices,
    )
    min_rating = django_filters.NumberFilter(
        label=_("Minimum rating"), field_name="rating_overall", lookup_expr="gte", min_value=1, max_value=5
    )
    rate_min = django_filters.NumberFilter(
        label=_("Day rate from (₪)"), field_name="day_rate", lookup_expr="gte", min_value=0, max_value=MAX_DAY_RATE
    )
    rate_max = django_filters.NumberFilter(
        label=_("Day rate up to (₪)"), field_name="day_rate", lookup_expr="lte", min_value=0, max_value=MAX_DAY_RATE
    )
    available_from = django_filters.DateFilter(
        label=_("Available by"),
        method="filter_available",
        validators=[validate_domain_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_nothing", empty_label=None
    )

    class Meta:
        model = AdvisorProfile
        fields: list[str] = []
        form = CatalogueFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Needs listed under their groups; both lists built from one load of the taxonomy.
        groups = need_groups()
        self.form.fields["need"].widget.choices = [
            ("", ANY),
            *[(group.label, [(need.code, need.label) for need in group.needs.all()]) for group in groups],
        ]
        self.form.fields["need_group"].widget.choices = [("", ANY), *[(group.code, group.label) for group in groups]]

    def filter_text(self, queryset, name, value):
        return search_profiles(queryset, value)

    def filter_need(self, queryset, name, value):
        """A subquery rather than a join, so combining need and need group never repeats a profile."""
        through = AdvisorProfile.needs.through.objects
        matching = through.filter(need=value) if name == "need" else through.filter(need__group=value)
        return queryset.filter(pk__in=matching.values("advisorprofile_id"))

    def filter_orientation(self, queryset, name, value):
        """Asking for supportive or hands-on advisors also finds those who offer both."""
        if value == Orientation.BOTH:
            return queryset.filter(orientation=Orientation.BOTH)
        return queryset.filter(Q(orientation=value) | Q(orientation=Orientation.BOTH))

    def filter_available(self, queryset, name, value):
        return queryset.filter(Q(available_from__isnull=True) | Q(available_from__lte=value))

    def filter_nothing(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        sort = self.form.cleaned_data.get("sort") if self.is_bound and self.form.is_valid() else ""
        if not sort:
            sort = "relevance" if self.data.get("q") else "rating"
        return order_profiles(queryset, sort)

    @property
    def is_filtered(self) -> bool:
        return any(value for key, value in self.data.items() if key not in ("sort", "page"))
