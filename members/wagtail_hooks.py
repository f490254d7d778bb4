"""Members, proposals and voting rules in the Wagtail admin. Tallies are read-only there;
proposals are created and closed only through members.voting, never in the admin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import frozen
from .audit_views import audit_log_admin, can_see_audit_log
from .choosers import checked_chooser_viewset, checked_localize_snippets_api
from .manual import after_admin_publish, before_admin_copy, before_admin_edit, before_admin_publish
from .manual.views import admin_readers, can_see_readers
from .models import Decision, Member, Proposal, VoteRule
from .models.audit import record


class ChangeOnlyPolicy(ModelPermissionPolicy):
    """Admins may change these records but not create or delete them."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    # The treasurer picks the member a cheque or transfer came from.
    chooser_viewset_class = checked_chooser_viewset("billing.add_payment", "billing.change_payment")
    menu_label = _("Members")
    list_display = ["display_name", "status", "joined_on", "left_on"]
    list_filter = ["status"]
    search_fields = ["display_name"]
    panels = [
        FieldPanel("user", read_only=True),
        FieldPanel("display_name"),
        FieldPanel("profession"),
        # Status changes come from votes and from leaving, so the log tells the story.
        FieldPanel("status", read_only=True),
        FieldPanel("joined_on", read_only=True),
        FieldPanel("left_on", read_only=True),
        FieldPanel("profile_page"),
        FieldPanel("application_text", read_only=True),
    ]


TALLY = [
    "status",
    "opens_at",
    "closes_at",
    "opened_at",
    "closed_at",
    "electorate_size",
    "yes_count",
    "no_count",
    "abstain_count",
    "quorum_met",
    "outcome",
    "enactment_status",
    "enactment_attempts",
    "enactment_error",
    "enacted_at",
]


class ProposalAdminForm(WagtailAdminModelForm):
    """Once voting has opened, the title and text are shown but cannot be changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if frozen.is_frozen(self.instance):
            for name in ("title", "body"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = frozen.MESSAGE


class ProposalViewSet(SnippetViewSet):
    model = Proposal
    icon = "tasks"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Proposals")
    list_display = ["title", "kind", "status", "outcome", "enactment_status", "closes_at"]
    list_filter = ["kind", "status", "outcome", "enactment_status"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("kind", read_only=True),
            FieldPanel("proposer", read_only=True),
            FieldPanel("subject", read_only=True),
            MultiFieldPanel(
                [FieldPanel(name, read_only=True) for name in VoteRule.RULE_FIELDS],
                heading=_("Rules, frozen when proposed"),
            ),
            MultiFieldPanel(
                [FieldPanel(name, read_only=True) for name in TALLY], heading=_("Vote and tally")
            ),
        ],
        base_form_class=ProposalAdminForm,
    )


class VoteRuleViewSet(SnippetViewSet):
    model = VoteRule
    icon = "cog"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Voting rules")
    list_display = [
        "kind",
        "quorum_percent",
        "threshold",
        "threshold_base",
        "secret_ballot",
        "min_voting_hours",
    ]
    panels = [FieldPanel("kind", read_only=True)] + [
        FieldPanel(name) for name in ("min_notice_hours", "min_voting_hours", *VoteRule.RULE_FIELDS)
    ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """A record: admins may read it, never add, change or delete it."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class DecisionViewSet(SnippetViewSet):
    """The decisions register, as members read it: written by passed votes only."""

    model = Decision
    icon = "doc-full"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Decisions")
    inspect_view_enabled = True
    list_display = ["title", "kind", "effective_from", "decided_at"]
    list_filter = ["kind"]
    search_fields = ["title", "text"]


class MembersGroup(SnippetViewSetGroup):
    menu_label = _("Co-op")
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet, ProposalViewSet, VoteRuleViewSet, DecisionViewSet)


for _model in (Member, Proposal, VoteRule):
    register_permission_policy(_model, ChangeOnlyPolicy(_model))
register_permission_policy(Decision, ReadOnlyPolicy(Decision))
register_snippet(MembersGroup)


@hooks.register("register_admin_urls")
def guard_localize_snippets_api():
    """Shadow wagtail-localize's snippet API (same paths; our hooks load first) with a
    permission check for private models: see members.choosers."""
    from wagtail_localize.views.snippets_api import SnippetViewSet as LocalizeSnippetAPI

    listing = LocalizeSnippetAPI.as_view({"get": "list"})
    detail = LocalizeSnippetAPI.as_view({"get": "retrieve"})
    base = "localize/api/snippets/<slug:app_label>/<slug:model_name>/"
    return [
        path(base, checked_localize_snippets_api(listing), name="checked_snippets_api_listing"),
        path(
            base + "<str:pk>/",
            checked_localize_snippets_api(detail),
            name="checked_snippets_api_detail",
        ),
    ]


# --- Proposals: frozen once open, every earlier admin edit logged with what changed ---------


def _edit_url(instance):
    return reverse("wagtailsnippets_members_proposal:edit", args=[instance.pk])


@hooks.register("before_edit_snippet")
def refuse_frozen_proposal_edit(request, instance):
    """An open, closed or withdrawn proposal's edit form says so; a POST to it is refused."""
    if not isinstance(instance, Proposal):
        return None
    if frozen.is_frozen(instance):
        if request.method == "POST":
            messages.error(request, frozen.MESSAGE)
            return redirect(_edit_url(instance))
        messages.warning(request, frozen.MESSAGE)
        return None
    request._proposal_before = frozen.snapshot(instance)
    return None


@hooks.register("after_edit_snippet")
def log_admin_edit(request, instance):
    if isinstance(instance, Proposal):
        before = getattr(request, "_proposal_before", {})
        record(
            "proposal.edited",
            proposal=instance,
            actor=request.user,
            detail={"via": "admin", "changes": frozen.changes(before, instance)},
        )
    elif isinstance(instance, VoteRule):
        record(
            "rule.edited",
            actor=request.user,
            detail={
                "kind": instance.kind,
                **{f: getattr(instance, f) for f in instance.RULE_FIELDS},
                "changes": _rule_changes(request, instance),
            },
        )


@hooks.register("before_edit_snippet")
def remember_rule(request, instance):
    if isinstance(instance, VoteRule):
        request._rule_before = {
            f: getattr(instance, f)
            for f in ("min_notice_hours", "min_voting_hours", *VoteRule.RULE_FIELDS)
        }


def _rule_changes(request, instance):
    before = getattr(request, "_rule_before", {})
    return [
        {"field": name, "old": old, "new": getattr(instance, name)}
        for name, old in before.items()
        if old != getattr(instance, name)
    ]


# --- The audit log in the admin -------------------------------------------------------------


@hooks.register("register_admin_urls")
def audit_log_admin_urls():
    return [path("audit-log/", audit_log_admin, name="audit_log_admin")]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_audit_log(request.user)


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem(
        _("Audit log"), reverse("audit_log_admin"), icon_name="list-ul", order=910
    )


class FailedEnactmentsPanel(Component):
    name = "failed_enactments"
    template_name = "members/admin/failed_enactments_panel.html"
    order = 50

    def __init__(self, failed):
        self.failed = failed

    def get_context_data(self, parent_context=None):
        return {"failed": self.failed}


@hooks.register("construct_homepage_panels")
def add_failed_enactments_panel(request, panels):
    if not request.user.has_perm("members.change_proposal"):
        return
    failed = list(Proposal.objects.filter(enactment_status=Proposal.Enactment.FAILED)[:20])
    if failed:
        panels.append(FailedEnactmentsPanel(failed))


# --- The procedures manual --------------------------------------------------------------------
# Publishing the manual in the admin needs an editorial note; scheduling, workflows,
# reverting and copying it are refused (members.manual.publishing).

hooks.register("before_publish_page", before_admin_publish)
hooks.register("after_publish_page", after_admin_publish)
hooks.register("before_edit_page", before_admin_edit)
hooks.register("before_copy_page", before_admin_copy)


@hooks.register("register_admin_urls")
def manual_admin_urls():
    return [path("manual/readers/", admin_readers, name="manual_readers")]


class ManualReadersMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_readers(request.user)


@hooks.register("register_reports_menu_item")
def manual_readers_menu_item():
    return ManualReadersMenuItem(
        _("Manual readers"), reverse("manual_readers"), icon_name="doc-full", order=900
    )
