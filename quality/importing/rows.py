"""One row of an inquiries file checked and turned into an inquiry's fields, or refused with a reason."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from quality.models import Channel, Inquiry
from quality.workhours import ISRAEL

STATUSES = {
    "open": (Inquiry.Status.OPEN, False),
    "opened": (Inquiry.Status.OPEN, False),
    "new": (Inquiry.Status.OPEN, False),
    "in_progress": (Inquiry.Status.OPEN, False),
    "in progress": (Inquiry.Status.OPEN, False),
    "acknowledged": (Inquiry.Status.OPEN, False),
    "pending": (Inquiry.Status.OPEN, False),
    "reopened": (Inquiry.Status.OPEN, True),
    "re-opened": (Inquiry.Status.OPEN, True),
    "closed": (Inquiry.Status.CLOSED, False),
    "resolved": (Inquiry.Status.CLOSED, False),
    "done": (Inquiry.Status.CLOSED, False),
    "פתוח": (Inquiry.Status.OPEN, False),
    "פתוחה": (Inquiry.Status.OPEN, False),
    "בטיפול": (Inquiry.Status.OPEN, False),
    "נפתח מחדש": (Inquiry.Status.OPEN, True),
    "סגור": (Inquiry.Status.CLOSED, False),
    "סגורה": (Inquiry.Status.CLOSED, False),
    "مفتوح": (Inquiry.Status.OPEN, False),
    "مغلق": (Inquiry.Status.CLOSED, False),
}
CHANNELS = {
    "phone": Channel.PHONE,
    "telephone": Channel.PHONE,
    "call": Channel.PHONE,
    "106": Channel.PHONE,
    "טלפון": Channel.PHONE,
    "מוקד": Channel.PHONE,
    "هاتف": Channel.PHONE,
    "web": Channel.WEB,
    "website": Channel.WEB,
    "portal": Channel.WEB,
    "אתר": Channel.WEB,
    "موقع": Channel.WEB,
    "app": Channel.APP,
    "mobile": Channel.APP,
    "אפליקציה": Channel.APP,
    "تطبيق": Channel.APP,
    "email": Channel.EMAIL,
    "e-mail": Channel.EMAIL,
    "מייל": Channel.EMAIL,
    'דוא"ל': Channel.EMAIL,
    "whatsapp": Channel.WHATSAPP,
    "וואטסאפ": Channel.WHATSAPP,
    "ווטסאפ": Channel.WHATSAPP,
    "walk_in": Channel.WALK_IN,
    "walk-in": Channel.WALK_IN,
    "in person": Channel.WALK_IN,
    "counter": Channel.WALK_IN,
    "פרונטלי": Channel.WALK_IN,
    "other": Channel.OTHER,
    "": Channel.OTHER,
}
DATE_FORMATS = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M", "%d/%m/%Y"]
FIELDS = [
    "service_id",
    "requested_at",
    "updated_at",
    "first_response_at",
    "closed_at",
    "status",
    "was_reopened",
    "channel",
    "satisfaction",
    "sla_hours",
]


@dataclass
class ParsedRow:
    authority_id: int
    request_id: str
    values: dict  # FIELDS -> value


class Lookups:
    """What the rows are checked against: the cluster's member authorities and its service codes."""

    def __init__(self, *, authorities, codes, names, now: datetime):
        self.by_code: dict[int, list] = {}
        for authority in authorities:
            self.by_code.setdefault(authority.cbs_code, []).append(authority)
        self.codes = codes  # code -> service id
        self.names = names  # lower-cased name -> service id
        self.now = now + timedelta(minutes=5)  # clocks of the source system may run a little ahead


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_datetime(value, column: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        text = _text(value)
        if not text:
            return None
        moment = None
        try:
            moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
        except ValueError:
            for pattern in DATE_FORMATS:
                try:
                    moment = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
        if moment is None:
            raise ValueError(_("%(column)s is not a date and time: %(value)s") % {"column": column, "value": text})
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ISRAEL)
    return moment


def _authority(row: dict, column: str, lookups: Lookups):
    text = _text(row.get(column))
    if not text:
        raise ValueError(_("%(column)s is missing") % {"column": column})
    try:
        code = int(text)
    except ValueError:
        raise ValueError(_("%(column)s is not a CBS code: %(value)s") % {"column": column, "value": text}) from None
    found = lookups.by_code.get(code, [])
    code_type = _text(row.get("authority_code_type"))
    if code_type:
        found = [a for a in found if a.code_type == code_type]
    if not found:
        raise ValueError(_("unknown authority: CBS code %(code)s is not a member of the cluster") % {"code": code})
    if len(found) > 1:
        raise ValueError(
            _("CBS code %(code)s is both a locality and a regional council here: add authority_code_type")
            % {"code": code}
        )
    return found[0]


def _service_id(row: dict, lookups: Lookups) -> int:
    code = _text(row.get("service_code"))
    if code:
        service_id = lookups.codes.get(code)
        if service_id is None:
            raise ValueError(_("unknown service code: %(code)s (add it to the service codes)") % {"code": code})
        return service_id
    name = _text(row.get("service_name"))
    if not name:
        raise ValueError(_("service_code and service_name are both missing"))
    service_id = lookups.names.get(name.lower())
    if service_id is None:
        raise ValueError(_("unknown service name: %(name)s (add it to the service codes)") % {"name": name})
    return service_id


def parse_row(row: dict, *, authority_column: str, lookups: Lookups) -> ParsedRow:
    """The row as an inquiry's fields; ValueError with a translated reason when it cannot be imported."""
    request_id = _text(row.get("service_request_id"))
    if not request_id:
        raise ValueError(_("service_request_id is missing"))
    if len(request_id) > 64:
        raise ValueError(_("service_request_id is longer than 64 characters"))
    authority = _authority(row, authority_column, lookups)
    service_id = _service_id(row, lookups)
    requested = parse_datetime(row.get("requested_datetime"), "requested_datetime")
    if requested is None:
        raise ValueError(_("requested_datetime is missing"))
    updated = parse_datetime(row.get("updated_datetime"), "updated_datetime")
    closed = parse_datetime(row.get("closed_datetime"), "closed_datetime")
    responded = parse_datetime(row.get("first_response_datetime"), "first_response_datetime")
    for column, moment in (
        ("requested_datetime", requested),
        ("updated_datetime", updated),
        ("closed_datetime", closed),
        ("first_response_datetime", responded),
    ):
        if moment is not None and moment > lookups.now:
            raise ValueError(_("%(column)s is in the future: %(value)s") % {"column": column, "value": moment})
    if closed is not None and closed < requested:
        raise ValueError(_("closed_datetime is before requested_datetime (a negative duration)"))
    if responded is not None and responded < requested:
        raise ValueError(_("first_response_datetime is before requested_datetime (a negative duration)"))
    if updated is not None and updated < requested:
        raise ValueError(_("updated_datetime is before requested_datetime (a negative duration)"))
    status_text = _text(row.get("status")).lower()
    if status_text not in STATUSES:
        raise ValueError(_("unknown status: %(value)s (open or closed)") % {"value": status_text})
    status, reopened = STATUSES[status_text]
    if status == Inquiry.Status.CLOSED and closed is None:
        raise ValueError(_("the status is closed but closed_datetime is missing"))
    if status == Inquiry.Status.OPEN and closed is not None:
        # Closed once, open again: it counts as open, and its earlier closing no longer counts.
        reopened, closed = True, None
    if responded is None and closed is not None:
        responded = closed  # closing without an earlier answer is the first response
    channel_text = _text(row.get("channel")).lower()
    channel = CHANNELS.get(channel_text, Channel.OTHER)
    satisfaction = None
    satisfaction_text = _text(row.get("satisfaction"))
    if satisfaction_text:
        try:
            satisfaction = int(satisfaction_text)
        except ValueError:
            satisfaction = 0
        if not 1 <= satisfaction <= 5:
            raise ValueError(
                _("satisfaction must be a whole number from 1 to 5: %(value)s") % {"value": satisfaction_text}
            )
    sla = None
    sla_text = _text(row.get("sla_hours"))
    if sla_text:
        try:
            sla = Decimal(sla_text).quantize(Decimal("0.01"))
        except InvalidOperation:
            sla = Decimal(-1)
        if not Decimal(0) < sla < Decimal(100_000):
            raise ValueError(_("sla_hours must be a positive number of hours: %(value)s") % {"value": sla_text})
    return ParsedRow(
        authority_id=authority.pk,
        request_id=request_id,
        values={
            "service_id": service_id,
            "requested_at": requested,
            "updated_at": updated,
            "first_response_at": responded,
            "closed_at": closed,
            "status": status,
            "was_reopened": reopened,
            "channel": channel,
            "satisfaction": satisfaction,
            "sla_hours": sla,
        },
    )
