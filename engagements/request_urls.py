"""URLs of the optional requests, included in engagements/urls.py under the engagements namespace."""

from django.urls import path

from . import request_views

urlpatterns = [
    path("requests/", request_views.request_list, name="requests"),
    path("requests/new/", request_views.request_new, name="request_new"),
    path("requests/open/", request_views.open_requests, name="open_requests"),
    path("requests/proposals/", request_views.my_proposals, name="my_proposals"),
    path("requests/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/<str:action>/", request_views.request_end, name="request_end"),
    path("proposals/<int:pk>/edit/", request_views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/withdraw/", request_views.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/shortlist/", request_views.proposal_shortlist, name="proposal_shortlist"),
]
