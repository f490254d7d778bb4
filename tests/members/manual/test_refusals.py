"""Issue 13, point 4: the manual changes only by a passed amendment or a marked editorial
fix. A go-live date, the scheduled-publish command, a moderation workflow's approval, a revert
to an older revision and a copy are all refused, through the real admin views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import rich_text

from members import manual
from members.blocks import CLAUSE_FEATURES
from members.models import AuditEntry, ManualPage, ManualVersion

pytestmark = pytest.mark.django_db


def state(page):
    """What members would read: the version in force, and the page's live content."""
    page = ManualPage.objects.get(pk=page.pk)
    return (manual.current_version(page).number, page.live_revision_id, page.intro, page.live)


def form_data(page, **changes):
    """The manual's edit form as the admin posts it (sections and clauses unchanged)."""
    data = {"title": page.title, "slug": page.slug, "intro": page.intro}
    for name, value in [("TOTAL", 0), ("INITIAL", 0), ("MIN_NUM", 0), ("MAX_NUM", 1000)]:
        data[f"comments-{name}_FORMS"] = value
    data["sections-count"] = len(page.sections)
    for i, section in enumerate(page.sections):
        prefix = f"sections-{i}"
        data |= {f"{prefix}-type": "section", f"{prefix}-deleted": "", f"{prefix}-order": i}
        data |= {f"{prefix}-id": section.id, f"{prefix}-value-title": section.value["title"]}
        data[f"{prefix}-value-anchor"] = section.value["anchor"]
        clauses = section.value["clauses"]
        data[f"{prefix}-value-clauses-count"] = len(clauses)
        for j, clause in enumerate(clauses.bound_blocks):
            c = f"{prefix}-value-clauses-{j}"
            data |= {f"{c}-deleted": "", f"{c}-order": j, f"{c}-id": clause.id}
            data |= {f"{c}-value-title": clause.value["title"]}
            data |= {f"{c}-value-anchor": clause.value["anchor"]}
            data[f"{c}-value-text"] = rich_text(
                clause.value["text"].source, features=CLAUSE_FEATURES
            )
    return data | changes


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def edit(admin_client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return admin_client.post(url, form_data(page, **changes))


def test_an_editorial_fix_through_the_admin_still_publishes(admin_client, page):
    number = manual.current_version(page).number
    response = edit(
        admin_client, page, intro="Fixed intro", editorial_note="Typo", **{"action-publish": "1"}
    )
    assert response.status_code == 302, messages_of(response)
    version = manual.current_version(page)
    assert version.number == number + 1 and version.source == ManualVersion.Source.EDITORIAL


def test_a_go_live_date_is_refused_in_the_admin(admin_client, page):
    before = state(page)
    later = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = edit(
        admin_client,
        page,
        intro="Scheduled intro",
        editorial_note="Typo",
        go_live_at=later,
        **{"action-publish": "1"},
    )
    assert response.status_code == 302
    assert "never published on a schedule" in messages_of(response)
    assert state(page) == before
    assert not Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False)


def test_the_scheduled_publish_command_does_not_change_the_manual(page, home):
    before = state(page)
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Released by the clock"
    revision = draft.save_revision()
    # A revision scheduled before this guard existed (as on the live site), now due.
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    # Another page scheduled at the same time still goes live: the command carries on.
    other = home.get_children().live().exclude(pk=page.pk).first().specific
    other.title = "Scheduled other page"
    other_revision = other.save_revision()
    Revision.objects.filter(pk=other_revision.pk).update(
        approved_go_live_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    assert state(page) == before
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # dropped, not retried every minute
    assert Page.objects.get(pk=other.pk).title == "Scheduled other page"
    assert not ManualVersion.objects.filter(revision=revision).exists()
    assert AuditEntry.objects.filter(
        action="manual.publish_refused", detail__revision=revision.pk, detail__via="schedule"
    ).exists()


def test_a_workflow_approval_does_not_change_the_manual(admin_client, page, home):
    before = state(page)
    workflow = Workflow.objects.create(name="Editors' approval")
    task = GroupApprovalTask.objects.create(name="Approve")
    task.groups.set(Group.objects.filter(name="Moderators"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    # The admin offers no moderation for the manual, and refuses a submission.
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "action-submit" not in form
    response = edit(admin_client, page, intro="Moderated intro", **{"action-submit": "1"})
    assert "not moderated through a workflow" in messages_of(response)
    assert page.workflow_states.count() == 0
    # A submission made anyway (say, before this guard) is approved: the manual stays as it is.
    editor = get_user_model().objects.create_user("wf-editor", "wf@example.org", "x" * 16)
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Moderated intro"
    draft.save_revision(user=editor)
    workflow_state = workflow.start(draft, editor)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", workflow_state.current_task_state.pk],
    )
    response = admin_client.post(url, {"comment": ""})
    # Refused below the admin (PublishRefused, a PermissionDenied): the approval is rolled
    # back and the admin says it was not allowed; the manual's editor says why.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert state(page) == before
    workflow_state.refresh_from_db()
    assert workflow_state.status == workflow_state.STATUS_IN_PROGRESS
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "approving it will not publish the manual" in messages_of(form)


def test_reverting_to_an_older_revision_is_refused(admin_client, page):
    before = state(page)
    old = page.versions.order_by("number").first().revision
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
    response = admin_client.get(url)
    assert response.status_code == 302 and "cannot be reverted" in messages_of(response)
    response = admin_client.post(
        url, form_data(old.as_object(), editorial_note="Back", **{"action-publish": "1"})
    )
    assert response.status_code == 302 and "cannot be reverted" in messages_of(response)
    assert state(page) == before
    # Below the admin too: publishing an old revision as a revert is refused.
    with pytest.raises(manual.PublishRefused):
        old.publish(previous_revision=old)
    assert state(page) == before


def test_copying_the_manual_is_refused(admin_client, page):
    count = ManualPage.objects.count()
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    response = admin_client.get(url)
    assert response.status_code == 302 and "cannot be copied" in messages_of(response)
    response = admin_client.post(
        url,
        {"new_title": "Copy", "new_slug": "manual-copy", "new_parent_page": page.get_parent().pk},
    )
    assert response.status_code == 302 and ManualPage.objects.count() == count


def test_any_other_publish_is_refused_below_the_admin(page):
    before = state(page)
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Sneaky"
    with pytest.raises(manual.PublishRefused):
        draft.save_revision().publish()
    assert state(page) == before
