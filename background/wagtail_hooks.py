"""The background work in the Wagtail admin: a report of queued, running and failed tasks
(superusers), and a retry for a failed task and for a failed enactment."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from .admin_views import RetryEnactmentView, RetryTaskView, task_viewset


@hooks.register("register_admin_viewset")
def register_task_viewset():
    return task_viewset


@hooks.register("register_admin_urls")
def retry_urls():
    return [
        path(
            "background/tasks/<uuid:pk>/retry/",
            RetryTaskView.as_view(),
            name="background_task_retry",
        ),
        path(
            "background/enactments/<int:pk>/retry/",
            RetryEnactmentView.as_view(),
            name="background_enactment_retry",
        ),
    ]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def tasks_report_menu_item():
    return TasksMenuItem(
        _("Background tasks"),
        reverse(task_viewset.get_url_name("index")),
        name="background-tasks",
        icon_name="resubmit",
        order=900,
    )


@hooks.register("register_snippet_listing_buttons")
def retry_enactment_button(snippet, user, next_url=None):
    from members.models import Proposal

    if (
        isinstance(snippet, Proposal)
        and snippet.enactment_status == Proposal.Enactment.FAILED
        and user.has_perm("members.change_proposal")
    ):
        yield Button(
            _("Retry carrying out"),
            url=reverse("background_enactment_retry", args=[snippet.pk]),
            icon_name="rotate",
            priority=5,
        )
