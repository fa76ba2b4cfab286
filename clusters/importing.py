"""Loading the CBS register of authorities and the real clusters from CSV files.

A row that cannot be loaded is rejected with its line number and reason; the other rows load. A file that
is not in the expected format changes nothing. Running an import twice changes nothing the second time.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Authority, Cluster, Membership
from .progress import majority_region
from .reference import REGION_BY_CBS_DISTRICT


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong encoding or missing columns."""


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (line number, reason)

    def summary(self) -> str:
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }


AUTHORITY_COLUMNS = [
    "cbs_code",
    "code_type",
    "name_he",
    "name_en",
    "name_en_locality_file",
    "kind_en",
    "district",
    "population",
    "population_year",
    "socioeconomic_cluster",
    "peripherality_cluster",
]
CLUSTER_COLUMNS = [
    "cluster_code_cbs",
    "cluster_name_he",
    "cluster_name_en",
    "authority_cbs_code",
    "authority_code_type",
    "authority_name_he",
    "membership_status",
    "membership_source",
]
MEMBERSHIP_STATUS = {
    "member_cbs_2021": Membership.Status.MEMBER,
    "joined_after_2021": Membership.Status.JOINED_LATER,
    "listed_by_cluster_site_not_cbs_2021": Membership.Status.LISTED_BY_CLUSTER,
    "planned": Membership.Status.PLANNED,
}


def read_rows(data: bytes, columns: list[str]) -> list[tuple[int, dict]]:
    """The rows of a UTF-8 CSV file with their line numbers; ImportFileError when the file is not usable."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file is not UTF-8 text.")) from error
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        raise ImportFileError(_("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return [(reader.line_num, row) for row in reader]


def _int(value: str, name: str, *, low=None, high=None, required=True) -> int | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise ValueError(_("%(name)s is missing") % {"name": name})
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(_("%(name)s is not a whole number: %(value)s") % {"name": name, "value": value}) from None
    if number < 0 or (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(_("%(name)s is out of range: %(value)s") % {"name": name, "value": value})
    return number


def _authority_fields(row: dict) -> tuple[tuple[str, int], dict]:
    code_type = (row["code_type"] or "").strip()
    if code_type not in Authority.CodeType.values:
        raise ValueError(_("unknown code type: %(value)s") % {"value": code_type})
    code = _int(row["cbs_code"], "cbs_code")
    kind = (row["kind_en"] or "").strip()
    if kind not in Authority.Kind.values:
        raise ValueError(_("unknown kind: %(value)s") % {"value": kind})
    if (kind == Authority.Kind.REGIONAL_COUNCIL) != (code_type == Authority.CodeType.REGIONAL_COUNCIL):
        raise ValueError(
            _("kind %(kind)s does not fit code type %(code_type)s") % {"kind": kind, "code_type": code_type}
        )
    name_he = (row["name_he"] or "").strip()
    if not name_he:
        raise ValueError(_("name_he is missing"))
    district = (row["district"] or "").strip()
    fields = {
        "name_he": name_he,
        "name_en": (row["name_en_locality_file"] or "").strip() or (row["name_en"] or "").strip().title(),
        "kind": kind,
        "district": district,
        "region": REGION_BY_CBS_DISTRICT.get(district, ""),
        "population": _int(row["population"], "population", required=False),
        "population_year": _int(row["population_year"], "population_year", required=False),
        "socioeconomic_cluster": _int(
            row["socioeconomic_cluster"], "socioeconomic_cluster", low=1, high=10, required=False
        ),
        "peripherality_cluster": _int(
            row["peripherality_cluster"], "peripherality_cluster", low=1, high=10, required=False
        ),
    }
    return (code_type, code), fields


@transaction.atomic
def import_authorities(*, data: bytes, dry_run: bool = False) -> ImportReport:
    """Create or update authorities from a CSV in the CBS register format; key: code type + CBS code."""
    report = ImportReport()
    existing = {(a.code_type, a.cbs_code): a for a in Authority.objects.all()}
    seen = {}
    for line, row in read_rows(data, AUTHORITY_COLUMNS):
        try:
            key, fields = _authority_fields(row)
        except ValueError as error:
            report.rejected.append((line, str(error)))
            continue
        if key in seen:
            report.rejected.append((line, _("the same authority is already on line %(line)d") % {"line": seen[key]}))
            continue
        seen[key] = line
        authority = existing.get(key)
        label = f"{key[0]}:{key[1]} {fields['name_he']}"
        if authority is None:
            Authority.objects.create(code_type=key[0], cbs_code=key[1], **fields)
            report.created.append(label)
        elif any(getattr(authority, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(authority, name, value)
            authority.save(update_fields=list(fields))
            report.updated.append(label)
        else:
            report.unchanged.append(label)
    if dry_run:
        transaction.set_rollback(True)
    return report


@transaction.atomic
def import_clusters(*, data: bytes, dry_run: bool = False) -> ImportReport:
    """Create or update clusters and their memberships from a CSV in the format of data/clusters.csv.

    Clusters are keyed by CBS cluster code, or by Hebrew name for a cluster in formation that has none.
    A row naming a body that is not a known authority is rejected, never invented.
    """
    report = ImportReport()
    rows = read_rows(data, CLUSTER_COLUMNS)
    authorities = {(a.code_type, a.cbs_code): a for a in Authority.objects.all()}
    clusters_done = set()
    touched, created_now = {}, set()
    for line, row in rows:
        name_he = (row["cluster_name_he"] or "").strip()
        try:
            cluster_code = _int(row["cluster_code_cbs"], "cluster_code_cbs", required=False)
            if not name_he:
                raise ValueError(_("cluster_name_he is missing"))
            status = MEMBERSHIP_STATUS.get((row["membership_status"] or "").strip())
            if status is None:
                raise ValueError(_("unknown membership status: %(value)s") % {"value": row["membership_status"]})
            code_type = (row["authority_code_type"] or "").strip()
            code = _int(row["authority_cbs_code"], "authority_cbs_code", required=False)
            authority = authorities.get((code_type, code))
            if authority is None:
                raise ValueError(
                    _("%(name)s (%(code_type)s %(code)s) is not a known authority")
                    % {"name": row["authority_name_he"], "code_type": code_type or "-", "code": code or "-"}
                )
        except ValueError as error:
            report.rejected.append((line, str(error)))
            continue
        cluster_fields = {"name_he": name_he, "name_en": (row["cluster_name_en"] or "").strip()}
        lookup = {"cbs_code": cluster_code} if cluster_code else {"cbs_code": None, "name_he": name_he}
        cluster = Cluster.objects.filter(**lookup).first()
        key = cluster_code or name_he
        if cluster is None:
            cluster = Cluster.objects.create(
                cbs_code=cluster_code,
                # CBS coded the clusters that were running in 2021; a cluster without a code is still forming.
                stage=Cluster.Stage.OPERATING if cluster_code else Cluster.Stage.FORMING,
                region=authority.region,
                **cluster_fields,
            )
            created_now.add(cluster.pk)
            report.created.append(_("cluster %(name)s") % {"name": name_he})
        elif key not in clusters_done and any(getattr(cluster, k) != v for k, v in cluster_fields.items()):
            for name, value in cluster_fields.items():
                setattr(cluster, name, value)
            cluster.save(update_fields=list(cluster_fields))
            report.updated.append(_("cluster %(name)s") % {"name": name_he})
        clusters_done.add(key)
        touched[cluster.pk] = cluster
        source = (row["membership_source"] or "").strip()
        membership = Membership.objects.current().filter(cluster=cluster, authority=authority).first()
        label = f"{name_he} / {authority.name_he}"
        if membership is None:
            Membership.objects.create(cluster=cluster, authority=authority, status=status, source=source)
            report.created.append(label)
        elif membership.status != status or membership.source != source:
            membership.status, membership.source = status, source
            membership.save(update_fields=["status", "source"])
            report.updated.append(label)
        else:
            report.unchanged.append(label)
    for cluster in touched.values():
        # A cluster created by this import is reported once, as created, whatever its region turns out to be.
        if set_majority_region(cluster=cluster) and cluster.pk not in created_now:
            report.updated.append(_("cluster %(name)s: region") % {"name": cluster.name_he})
    if dry_run:
        transaction.set_rollback(True)
    return report


def set_majority_region(*, cluster: Cluster) -> bool:
    """Set the cluster's region to the one most of its current members' districts fall in; True when it changed."""
    regions = Membership.objects.current().filter(cluster=cluster).values_list("authority__region", flat=True)
    region = majority_region(list(regions))
    if region == cluster.region:
        return False
    cluster.region = region
    cluster.save(update_fields=["region"])
    return True


SUMMARY_COLUMNS = ["cluster_code_cbs", "website", "incorporated_year", "incorporated_basis"]


@transaction.atomic
def import_cluster_summary(*, data: bytes, dry_run: bool = False) -> ImportReport:
    """Load clusters' websites and incorporation years from a CSV in the format of data/clusters_summary.csv.

    An empty year leaves the cluster's incorporation unknown; a year never replaces an exact date that the CEO or
    an admin entered. Rows of clusters that are not loaded are rejected.
    """
    report = ImportReport()
    clusters = {c.cbs_code: c for c in Cluster.objects.exclude(cbs_code=None)}
    for line, row in read_rows(data, SUMMARY_COLUMNS):
        try:
            code = _int(row["cluster_code_cbs"], "cluster_code_cbs")
            year = _int(row["incorporated_year"], "incorporated_year", low=1990, high=2100, required=False)
            cluster = clusters.get(code)
            if cluster is None:
                raise ValueError(_("cluster %(code)s is not loaded") % {"code": code})
        except ValueError as error:
            report.rejected.append((line, str(error)))
            continue
        fields = {"website": (row["website"] or "").strip()}
        if not cluster.incorporated_on:
            fields["incorporated_year"] = year
            fields["incorporation_source"] = (row["incorporated_basis"] or "").strip()[:300] if year else ""
        if any(getattr(cluster, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(cluster, name, value)
            cluster.save(update_fields=list(fields))
            report.updated.append(_("cluster %(name)s") % {"name": cluster.name_he})
        else:
            report.unchanged.append(_("cluster %(name)s") % {"name": cluster.name_he})
    if dry_run:
        transaction.set_rollback(True)
    return report
