"""What people see of the background work: the admin's task report and retries, /healthz/."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background import lease
from background.models import SchedulerLease
from background.tasks import publish_scheduled
from members.models import Member, Proposal
from tests.members.conftest import make_open_proposal
from tests.otp import verified_admin_login
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

TASKS = "/admin/background/tasks/"


def failed_task():
    result = publish_scheduled.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status="FAILED", traceback="Traceback: SMTPServerDisconnected", finished_at=timezone.now()
    )
    return str(result.id)


def test_admins_see_queued_and_failed_tasks_and_retry_a_failed_one(admin_client):
    failed = failed_task()
    publish_scheduled.enqueue()
    page = admin_client.get(TASKS + "?status=FAILED")
    assert page.status_code == 200
    assert "publish_scheduled" in page.content.decode()
    assert reverse("background_task_retry", args=[failed]) in page.content.decode()
    inspect = admin_client.get(f"{TASKS}inspect/{failed}/")
    assert "SMTPServerDisconnected" in inspect.content.decode()
    retry = reverse("background_task_retry", args=[failed])
    assert admin_client.get(retry).status_code == 200  # asks first
    response = admin_client.post(retry)
    assert response.status_code == 302
    assert DBTaskResult.objects.get(pk=failed).status == "READY"
    admin_client.post(retry)  # a second click queues nothing more
    assert DBTaskResult.objects.filter(status="READY").count() == 2
    run_tasks()
    assert DBTaskResult.objects.get(pk=failed).status == "SUCCESSFUL"


def test_only_superusers_see_the_task_report():
    failed = failed_task()
    staff = Member.objects.get(user__username="marcus.bell").user  # admin staff, not superuser
    staff.is_staff = True
    staff.save()
    client = verified_admin_login(Client(), staff)
    assert client.get(TASKS).status_code in (302, 403)
    assert client.post(reverse("background_task_retry", args=[failed])).status_code in (302, 403)
    assert DBTaskResult.objects.get(pk=failed).status == "FAILED"


def test_a_failed_enactment_is_retried_from_the_proposal_admin(admin_client):
    proposal = make_open_proposal(Member.objects.get(user__username="lucia.morales"))
    Proposal.objects.filter(pk=proposal.pk).update(
        status=Proposal.Status.CLOSED,
        outcome=Proposal.Outcome.PASSED,
        enactment_status=Proposal.Enactment.FAILED,
        enactment_attempts=5,
        enactment_error="StripeError: down",
    )
    retry = reverse("background_enactment_retry", args=[proposal.pk])
    listing = admin_client.get("/admin/snippets/members/proposal/")
    assert retry in listing.content.decode()
    assert retry in admin_client.get("/admin/").content.decode()  # the dashboard panel
    assert "StripeError: down" in admin_client.get(retry).content.decode()
    assert admin_client.post(retry).status_code == 302
    proposal.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.FAILED  # queued, not run in the request
    run_tasks()
    proposal.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.DONE


def test_health_check_reports_a_scheduler_that_has_not_run_for_five_minutes(client):
    assert client.get("/healthz/").json()["scheduler"] == "never"
    lease.hold("scheduler-a", seconds=90, now=timezone.now() - timedelta(minutes=6))
    response = client.get("/healthz/")
    assert response.status_code == 200  # the web still serves; monitors read the field
    assert response.json() == {"status": "degraded", "database": "ok", "scheduler": "late"}
    lease.hold("scheduler-b", seconds=90)
    assert client.get("/healthz/").json() == {
        "status": "ok",
        "database": "ok",
        "scheduler": "ok",
    }
    assert SchedulerLease.objects.get().holder == "scheduler-b"
