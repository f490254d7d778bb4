"""The outbox in the Wagtail admin: superusers see every outgoing email with its status and
last error, and can send a failed one again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import delivery
from .models import OutgoingMessage


class SuperuserViewPolicy(ModelPermissionPolicy):
    """Only superusers, and only to look: messages are written by the site, not by hand."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action == "view")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(OutgoingMessage, SuperuserViewPolicy(OutgoingMessage))


class OutboxIndexView(IndexView):
    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == OutgoingMessage.Status.FAILED:
            buttons.insert(
                0,
                ListingButton(
                    _("Retry"),
                    url=reverse("outbox_retry", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                ),
            )
        return buttons


class OutboxViewSet(ModelViewSet):
    model = OutgoingMessage
    icon = "mail"
    menu_label = gettext_lazy("Outbox")
    menu_order = 900
    add_to_admin_menu = True
    add_to_settings_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OutboxIndexView
    # No add or edit view is reachable (the policy allows "view" only); Wagtail wants a form.
    form_fields = ["status"]
    list_display = ["subject", "to_email", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject", "key"]
    inspect_view_fields = [
        "key",
        "kind",
        "to_email",
        "language",
        "subject",
        "body",
        "message_id",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "give_up_at",
        "lease_until",
        "sent_at",
        "last_error",
    ]


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet("outbox")


def retry_view(request, pk):
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied
    message = get_object_or_404(OutgoingMessage, pk=pk)
    if request.method == "POST":
        if delivery.retry(message.pk):
            messages.success(request, _("The email is queued to be sent again."))
        else:
            messages.error(request, _("Only a failed email can be retried."))
        return redirect(reverse("outbox:index"))
    return TemplateResponse(request, "outbox/admin/retry.html", {"message": message})


@hooks.register("register_admin_urls")
def register_retry_url():
    return [path("outbox/<int:pk>/retry/", retry_view, name="outbox_retry")]
