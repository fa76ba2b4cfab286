"""CSV and XLSX downloads of every quality table, with the page's choices and the same scope as the page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .. import selectors
from ..exports import tables
from ..exports.files import download
from ..forms import ChooseForm, MetricForm
from ..permissions import can_compare_nationally
from .pages import _months, national_choice
from .scope import authority_for, cluster_for, service_for


def _extension(fmt: str) -> str:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return fmt


def cluster_export(request, pk, fmt):
    extension = _extension(fmt)
    target = cluster_for(request, pk)
    metric, _month = MetricForm(request.GET or None).chosen()
    lines = selectors.cluster_summary(cluster=target, metric=metric)
    return download(
        tables.cluster_table(lines, metric), title=_("Service quality"), name="service-quality", extension=extension
    )


def service_export(request, pk, fmt):
    extension = _extension(fmt)
    target = service_for(request, pk)
    form = ChooseForm(request.GET or None, months=_months([target.pk]))
    metric, month = form.chosen()
    channel = form.chosen_channel()
    comparison = selectors.service_comparison(service=target, metric=metric, month=month, channel=channel)
    return download(
        tables.service_table(comparison), title=str(target.name), name="service-comparison", extension=extension
    )


def authority_export(request, pk, authority_pk, fmt):
    extension = _extension(fmt)
    target = cluster_for(request, pk)
    member = authority_for(target, authority_pk)
    metric, _month = MetricForm(request.GET or None).chosen()
    lines = selectors.authority_profile(cluster=target, authority=member, metric=metric)
    return download(
        tables.authority_table(lines), title=str(member.name), name="authority-quality", extension=extension
    )


def national_export(request, fmt):
    extension = _extension(fmt)
    if not can_compare_nationally(request.user):
        raise PermissionDenied
    _form, metric, domain = national_choice(request)
    month, lines = selectors.national_comparison(domain=domain, metric=metric)
    return download(
        tables.national_table(month, lines, metric), title=_("Nationally"), name="quality-national", extension=extension
    )
