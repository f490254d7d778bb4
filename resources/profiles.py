"""Saving a provider's own profile edit: always a new revision, then publish or moderate."""

from django.utils import timezone

PUBLISHED = "published"
SUBMITTED = "submitted"
DRAFT = "draft"


def save_own_profile(form, user, moderate):
    """Save the form as a new revision by `user`. Returns PUBLISHED, SUBMITTED or DRAFT.

    Saving the form counts as confirming availability, so `availability_confirmed_at` is
    renewed each time. A profile that has never been published (a new member's draft) always
    goes to an editor first, whatever the setting: its name, licence and states are only
    checked by the co-op.
    """
    page = form.save(commit=False)
    page.terms = form.selected_terms()
    page.availability_confirmed_at = timezone.now()
    revision = page.save_revision(user=user, log_action=True)
    if not moderate and page.first_published_at is not None:
        # The owner check (ProviderPage.check_owner) is the permission here: providers have
        # no admin permissions of their own.
        revision.publish(user=user, skip_permission_checks=True)
        return PUBLISHED
    if page.workflow_in_progress:
        return SUBMITTED  # the workflow in progress reviews the latest revision
    workflow = page.get_workflow()
    if workflow is None:
        return DRAFT
    workflow.start(page, user)
    return SUBMITTED
