"""Reference vocabularies shared by the apps above: regions (CBS districts) and core-service domains.

Codes are stable identifiers (the domain codes are those of data/needs.json); labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NORTH = "north", _("North")
    HAIFA = "haifa", _("Haifa")
    CENTER = "center", _("Center")
    TEL_AVIV = "tel_aviv", _("Tel Aviv")
    JERUSALEM = "jerusalem", _("Jerusalem")
    SOUTH = "south", _("South")
    JUDEA_SAMARIA = "judea_samaria", _("Judea and Samaria")


# CBS district names, as they appear in data/authorities.csv, to regions.
REGION_BY_CBS_DISTRICT = {
    "הצפון": Region.NORTH,
    "חיפה": Region.HAIFA,
    "המרכז": Region.CENTER,
    "תל אביב": Region.TEL_AVIV,
    "ירושלים": Region.JERUSALEM,
    "הדרום": Region.SOUTH,
    "אזור יהודה והשומרון": Region.JUDEA_SAMARIA,
}


class ServiceDomain(models.TextChoices):
    """Core-service domains (data/needs.json, core_service_domains)."""

    ENVIRONMENT = "environment", _("Environment")
    WASTE = "waste", _("Waste and recycling")
    PUBLIC_SPACES = "public_spaces", _("Sanitation and public spaces")
    VETERINARY = "veterinary", _("Veterinary services")
    EMERGENCY = "emergency", _("Emergency preparedness")
    WELFARE = "welfare", _("Welfare")
    EDUCATION = "education", _("Education")
    SPECIAL_EDUCATION = "special_education", _("Special education")
    TRANSPORT = "transport", _("Transport")
    PROCUREMENT = "procurement", _("Joint procurement")
    ENERGY = "energy", _("Energy")
    TOURISM = "tourism", _("Tourism")
    ECONOMIC_DEVELOPMENT = "economic_development", _("Economic development")
    SPORT = "sport", _("Sport")
    DIGITAL_SERVICES = "digital_services", _("Digital services")
