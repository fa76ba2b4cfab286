from clusters.importing import import_cluster_summary

from ._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Load clusters' websites and incorporation years from a CSV in the format of data/clusters_summary.csv "
        "(an empty year stays unknown; an exact date entered by the CEO or an admin is kept)."
    )
    importer = staticmethod(import_cluster_summary)
