"""The platform's URLs and /shape/owe/<key>/: a change that owes, in its transaction, one task run and one email."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from outbox.services import dispatch_task, send_email


@csrf_exempt
@login_not_required
@require_POST
def owe(request, key):
    with transaction.atomic():
        dispatch_task(key=f"task:{key}", task="tests.shape.tasks.record_run", args=(key, request.POST["runs"]))
        send_email(key=f"email:{key}", to="shape@example.org", subject=f"Shape {key}", body="Sent once.")
    return HttpResponse(str(request.META["SERVER_PORT"]))


urlpatterns = [path("shape/owe/<slug:key>/", owe), path("", include("config.urls"))]
