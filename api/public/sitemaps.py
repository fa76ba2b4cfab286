from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from clusters import selectors as cluster_selectors


class PublicIndexSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return ["public:index"]

    def location(self, item):
        return reverse(item)


class PublicClusterSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return list(cluster_selectors.public_clusters())

    def location(self, item):
        return reverse("public:cluster", kwargs={"pk": item.pk})


SITEMAPS = {"index": PublicIndexSitemap, "clusters": PublicClusterSitemap}
