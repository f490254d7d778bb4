"""What admins see of the background work: the task queue, and retries.

Superusers only: a task's arguments and traceback can name members and show internals.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_tasks_db.models import DBTaskResult
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

FAILED = "FAILED"


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Superusers may look at tasks and retry failed ones; nobody adds, edits or deletes."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in ("view", "retry")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return self.model._default_manager.none()


def retry_task(pk):
    """Put a failed task back in the queue, as it was (its attempts stay in worker_ids).
    Returns False when it is no longer failed (retried already, or pruned)."""
    return bool(
        DBTaskResult.objects.filter(pk=pk, status=FAILED).update(
            status="READY",
            started_at=None,
            finished_at=None,
            return_value=None,
            exception_class_path="",
            traceback="",
        )
    )


class TaskIndexView(IndexView):
    default_ordering = "-enqueued_at"

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == FAILED and self.user_has_permission("retry"):
            buttons.append(
                MenuItem(
                    _("Retry"),
                    url=reverse("background_task_retry", args=[instance.pk]),
                    icon_name="rotate",
                    priority=5,
                )
            )
        return buttons


class TaskInspectView(InspectView):
    fields = [
        "task_path",
        "status",
        "queue_name",
        "enqueued_at",
        "started_at",
        "finished_at",
        "attempts",
        "worker_ids",
        "args_kwargs",
        "return_value",
        "exception_class_path",
        "traceback",
    ]

    def get_field_display_value(self, field_name, field):
        if field_name == "attempts":
            return len(self.object.worker_ids)
        return super().get_field_display_value(field_name, field)

    def get_field_label(self, field_name, field):
        if field_name == "attempts":
            return _("attempts")
        return super().get_field_label(field_name, field)


class TaskViewSet(ModelViewSet):
    model = DBTaskResult
    icon = "resubmit"
    menu_label = _("Background tasks")
    menu_name = "background-tasks"
    url_prefix = "background/tasks"
    add_to_admin_menu = False  # under Reports (wagtail_hooks.py)
    index_view_class = TaskIndexView
    inspect_view_enabled = True
    inspect_view_class = TaskInspectView
    list_display = ["task_name", "status", "queue_name", "enqueued_at", "finished_at"]
    list_filter = ["status", "queue_name"]
    list_per_page = 50

    def get_urlpatterns(self):
        """A report: listing and inspect only. Tasks are made by the code, never by hand."""
        keep = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in keep]

    def get_form_class(self, for_update=False):
        return None  # no create or edit views


register_permission_policy(DBTaskResult, SuperuserOnlyPolicy(DBTaskResult))
task_viewset = TaskViewSet("background_tasks")


class ConfirmRetryView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks, POST queues the retry and goes back: the work itself is the worker's."""

    template_name = "background/admin/confirm_retry.html"

    def dispatch(self, request, pk):
        self.object = self.get_object(request, pk)
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(what=self.describe(), back_url=self.back_url(), **kwargs)


class RetryTaskView(ConfirmRetryView):
    page_title = _("Retry a failed task")

    def get_object(self, request, pk):
        if not task_viewset.permission_policy.user_has_permission(request.user, "retry"):
            raise PermissionDenied
        return get_object_or_404(DBTaskResult, pk=pk)

    def describe(self):
        return _("The task “%(task)s” failed. Run it again?") % {"task": self.object.task_name}

    def back_url(self):
        return reverse(task_viewset.get_url_name("index"))

    def post(self, request, pk):
        if retry_task(pk):
            messages.success(
                request,
                _("“%(task)s” is back in the queue; a worker runs it shortly.")
                % {"task": self.object.task_name},
            )
        else:
            messages.warning(request, _("That task is not failed any more; nothing was queued."))
        return redirect(self.back_url())


class RetryEnactmentView(ConfirmRetryView):
    """The retry for a passed proposal whose effects failed (after the automatic retries)."""

    page_title = _("Retry carrying out a decision")

    def get_object(self, request, pk):
        from members.models import Proposal

        if not request.user.has_perm("members.change_proposal"):
            raise PermissionDenied
        return get_object_or_404(Proposal, pk=pk)

    def describe(self):
        return _("Carrying out “%(title)s” failed: %(error)s. Try again?") % {
            "title": self.object.title,
            "error": self.object.enactment_error,
        }

    def back_url(self):
        return reverse("wagtailsnippets_members_proposal:edit", args=[self.object.pk])

    def post(self, request, pk):
        from members.models import Proposal
        from members.tasks import enact_proposal

        if self.object.enactment_status != Proposal.Enactment.FAILED:
            messages.warning(request, _("This decision is not failed; nothing was queued."))
        else:
            enact_proposal.enqueue(self.object.pk)
            messages.success(
                request,
                _("Carrying out “%(title)s” again; the result shows here shortly.")
                % {"title": self.object.title},
            )
        return redirect(self.back_url())
