from clusters.importing import import_authorities

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Load or update local authorities from a CSV in the CBS register format (key: code_type + cbs_code)."
    importer = staticmethod(import_authorities)
