from clusters.importing import import_clusters

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Load or update regional clusters and their memberships from a CSV in the format of data/clusters.csv."
    importer = staticmethod(import_clusters)
