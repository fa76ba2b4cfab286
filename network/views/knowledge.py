"""The knowledge centre's pages: search, an item, drafting and the review workflow, attachments, reading lists.

Rows come through `permissions.knowledge_visible_to` (404 outside it); predicates decide actions (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.forms import add_refusal
from advisors.models import Need
from advisors.selectors import need_groups
from clusters.models import Cluster

from .. import permissions
from ..forms.knowledge import AttachmentForm, KnowledgeFilterForm, KnowledgeForm, ReturnForm
from ..knowledge import filter_items, reading_list, related_items
from ..services import knowledge as services

PER_PAGE = 20


def _require_reader(user) -> None:
    if not permissions.can_read_network(user):
        raise PermissionDenied


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def knowledge_list(request):
    """Search and filter the published knowledge (an editor sees every status; an author their drafts too)."""
    _require_reader(request.user)
    needs = [need for group in need_groups() for need in group.needs.all()]
    form = KnowledgeFilterForm(request.GET or None, needs=needs)
    values = form.cleaned_data if form.is_valid() else {}
    items = filter_items(
        permissions.knowledge_visible_to(request.user),
        query=values.get("q", ""),
        need=values.get("need", ""),
        domain=values.get("domain", ""),
        kind=values.get("kind", ""),
        language=values.get("language", ""),
    )
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/knowledge_list.html",
        {
            "form": form,
            "page": page,
            "items": page.object_list,
            "can_create": permissions.can_create_knowledge(request.user),
            "can_propose": permissions.can_propose_case(request.user),
            "searched": bool(request.GET),
        },
    )


def knowledge_detail(request, pk, *, attachment_form=None, return_form=None):
    """An item with its attachments and translations; `attachment_form` or `return_form` is a refused form (an
    attachment, a return to the author), shown with its errors and what was typed (400)."""
    visible = permissions.knowledge_visible_to(request.user)
    item = get_object_or_404(
        visible.select_related("cluster", "author", "translation_of", "published_by").prefetch_related(
            Prefetch("needs", queryset=Need.objects.select_related("group")),
            "ministries",
            "attachments",
            Prefetch("translations", queryset=visible.order_by("language", "pk")),
        ),
        pk=pk,
    )
    user = request.user
    return render(
        request,
        "network/knowledge_detail.html",
        {
            "item": item,
            "related": related_items(item, permissions.knowledge_visible_to(user).published()),
            "translations": list(item.translations.all()),
            "can_edit": permissions.can_edit_knowledge(user, item),
            "can_submit": permissions.can_submit_knowledge(user, item),
            "can_publish": permissions.can_publish_knowledge(user, item),
            "can_return": permissions.can_return_knowledge(user, item),
            "return_form": return_form or ReturnForm(),
            "attachment_form": attachment_form or AttachmentForm(),
        },
        status=400 if attachment_form is not None or return_form is not None else 200,
    )


def knowledge_new(request):
    """An editor drafts an item of any kind."""
    if not permissions.can_create_knowledge(request.user):
        raise PermissionDenied
    form = KnowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(author=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The draft was saved."))
            return redirect("network:knowledge_detail", pk=item.pk)
    return render(
        request,
        "network/knowledge_form.html",
        {"form": form, "item": None, "for_case": False},
        status=400 if form.errors else 200,
    )


def propose_case(request):
    """A CEO proposes a case study of one of their clusters; the editors review it before anyone else reads it."""
    if not permissions.can_propose_case(request.user):
        raise PermissionDenied
    clusters = Cluster.objects.filter(pk__in=permissions.ceo_clusters(request.user)).order_by("pk")
    form = KnowledgeForm(request.POST or None, for_case=True, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cluster = data.pop("cluster")
        item = services.propose_case(cluster=cluster, author=request.user, request=request, **data)
        messages.success(request, gettext("Thank you: the editors will review your case study before it is published."))
        return redirect("network:knowledge_detail", pk=item.pk)
    return render(request, "network/knowledge_form.html", {"form": form, "item": None, "for_case": True})


def knowledge_edit(request, pk):
    item = get_object_or_404(
        permissions.knowledge_visible_to(request.user).prefetch_related("needs", "ministries"), pk=pk
    )
    if not permissions.can_edit_knowledge(request.user, item):
        raise PermissionDenied
    for_case = not permissions.is_editor(request.user)
    clusters = Cluster.objects.filter(pk__in=permissions.ceo_clusters(request.user)) if for_case else None
    form = KnowledgeForm(
        request.POST or None, initial=KnowledgeForm.initial_from(item), for_case=for_case, clusters=clusters, item=item
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cluster = data.pop("cluster", None)
        if cluster is not None:
            item.cluster = cluster
        try:
            services.update_item(item=item, edited_by=request.user, request=request, **data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The changes were saved."))
            return redirect("network:knowledge_detail", pk=item.pk)
    return render(
        request,
        "network/knowledge_form.html",
        {"form": form, "item": item, "for_case": for_case},
        status=400 if form.errors else 200,
    )


@require_POST
def knowledge_transition(request, pk, action):
    """Send for review, publish or return an item; each checks its predicate and moves only from its status."""
    item = get_object_or_404(permissions.knowledge_visible_to(request.user), pk=pk)
    user = request.user
    checks = {
        "submit": permissions.can_submit_knowledge,
        "publish": permissions.can_publish_knowledge,
        "return": permissions.can_return_knowledge,
    }
    if action not in checks:
        raise PermissionDenied
    if not checks[action](user, item):
        raise PermissionDenied
    try:
        if action == "submit":
            services.submit_item(item=item, submitted_by=user, request=request)
            messages.success(request, gettext("The item was sent to the editors for review."))
        elif action == "publish":
            services.publish_item(item=item, published_by=user, request=request)
            messages.success(request, gettext("The item is published."))
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return knowledge_detail(request, item.pk, return_form=form)
            services.return_item(item=item, returned_by=user, reason=form.cleaned_data["reason"], request=request)
            messages.success(request, gettext("The item went back to its author."))
    except ValidationError as error:
        # A reason the service refuses goes back on the form; its other refusals (another editor moved the item
        # first) leave no form to show them on: a message above the item as it now is.
        if action == "return" and hasattr(error, "error_dict"):
            add_refusal(form, error)
            return knowledge_detail(request, item.pk, return_form=form)
        _errors(request, error)
    return redirect("network:knowledge_detail", pk=item.pk)


@require_POST
def attachment_add(request, pk):
    item = get_object_or_404(permissions.knowledge_visible_to(request.user), pk=pk)
    if not permissions.can_edit_knowledge(request.user, item):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                item=item, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], added_by=request.user
            )
        except ValidationError as error:  # the upload's checks (type by content, size): shown on the file
            form.add_error(None if hasattr(error, "error_dict") else "file", error)
        else:
            messages.success(request, gettext("The file was attached."))
            return redirect("network:knowledge_detail", pk=item.pk)
    return knowledge_detail(request, item.pk, attachment_form=form)


def attachment_download(request, pk):
    attachment = get_object_or_404(permissions.attachments_visible_to(request.user), pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type or "application/octet-stream",
    )


def need_reading_list(request, code):
    """The published items on one need; the catalogue and the recommendations link here."""
    _require_reader(request.user)
    need = get_object_or_404(Need.objects.select_related("group"), code=code)
    items = reading_list(permissions.knowledge_visible_to(request.user), need_code=code)
    return render(request, "network/reading_list.html", {"need": need, "items": items})
