"""Thin views over members.voting and members.membership. Access rules live in
`members.access` (`member_view`)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from billing.models import Payment, Refund
from coopsite.ratelimits import CLOSED, OPEN, rate_limit

from . import audit_log, emails, membership, proposing, tally, voting
from .access import ACTIVE, APPLICANT, LEFT, forbidden, landing_url, member_of, member_view
from .dashboard import proposal_lists
from .forms import ApplicationForm, CommentForm, VoteForm
from .models import Kind, Member, Proposal, SecretBallot, Vote


def home(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("members:login"))
    member = member_of(request.user)
    return redirect(landing_url(member)) if member else forbidden(request)


# --- Active members -------------------------------------------------------------------------


@member_view(*ACTIVE)
def dashboard(request):
    member = request.member
    lists = proposal_lists(member, timezone.now())
    return render(
        request,
        "members/dashboard.html",
        {
            "member": member,
            "waiting": lists.waiting,
            "decided": lists.decided,
            "upcoming": lists.upcoming,
            "open_amendments": lists.open_amendments,
        },
    )


@member_view(*ACTIVE)
def proposal_list(request):
    proposals = Proposal.objects.exclude(status=Proposal.Status.WITHDRAWN).order_by(
        "-opens_at", "-pk"
    )
    return render(request, "members/proposal_list.html", {"proposals": proposals[:200]})


@member_view(*ACTIVE)
@rate_limit("proposal-user", key="user", store_down=OPEN)
def proposal_new(request, kind=None):
    """First the kinds, each saying what its vote does; then the chosen kind's own form
    (`/new/<kind>/`). A form posted here names its kind in a field."""
    chosen = kind or request.POST.get("kind", "")
    rules = {rule.kind: rule for rule in voting.VoteRule.objects.all()}
    if not proposing.is_offered(chosen):
        if kind:
            raise Http404
        return render(
            request,
            "members/proposal_form.html",
            {
                "kinds": [(*choice, rules.get(choice[0])) for choice in proposing.choices()],
                "unknown": bool(chosen),
            },
        )
    proposal_form = proposing.KindProposal(chosen, request.POST or None, proposer=request.member)
    if request.method == "POST" and proposal_form.is_valid():
        try:
            proposal = proposal_form.save()
        except voting.VotingError as error:
            proposal_form.add_error(str(error))
        else:
            messages.success(request, _("Your proposal is recorded."))
            return redirect("members:proposal", pk=proposal.pk)
    return render(
        request,
        "members/proposal_form_kind.html",
        {
            "kind": proposal_form.kind,
            "what_it_does": proposing.WHAT_IT_DOES.get(proposal_form.kind, ""),
            "rule": rules.get(proposal_form.kind),
            "form": proposal_form.form,
            "fields": proposal_form.fields,
            "invalid": request.method == "POST",
        },
    )


def _vote_form(proposal, my_vote, data=None):
    """The ballot, holding the member's current choice and reason when they have voted."""
    initial = {"choice": my_vote.choice, "reason": my_vote.reason} if my_vote else {}
    return VoteForm(data, initial=initial, secret_ballot=proposal.secret_ballot)


def _detail(request, proposal, *, vote_form=None, status=200):
    # Opening, closing and enacting are the scheduler's (voting.process_due every minute):
    # a page view never waits on a tally, Stripe or a mail server.
    now = timezone.now()
    member = request.member
    elector = proposal.electors.filter(member=member).first()
    results_visible = tally.results_visible(proposal)
    my_vote = voting.current_vote(proposal, member)
    voted, needed = tally.participation(proposal)
    context = {
        "proposal": proposal,
        "elector": elector,
        "my_vote": my_vote,
        # "yes" is stored; "Yes" (or "Sí") is what the member reads.
        "my_choice_label": my_vote.get_choice_display() if my_vote else "",
        "results_visible": results_visible,
        "rules_sentence": tally.rules_sentence(proposal),
        "voted": voted,
        "needed": needed,
        "not_voted": tally.not_voted(proposal) if proposal.is_open else [],
        "comments": proposal.comments.select_related("author"),
        "comment_form": CommentForm(),
        "vote_form": vote_form or _vote_form(proposal, my_vote),
        "can_vote": voting.can_vote(proposal, member, elector=elector, now=now),
        "closing": proposal.is_open and proposal.closes_at <= now,
        "opening": proposal.status == Proposal.Status.SCHEDULED and proposal.opens_at <= now,
        "can_withdraw": voting.can_withdraw(proposal, member),
    }
    if results_visible:
        context["tally"] = (
            tally.stored_tally(proposal) if proposal.is_closed else tally.count_ballots(proposal)
        )
        if proposal.secret_ballot and proposal.is_closed:
            context["ballots"] = SecretBallot.objects.filter(proposal=proposal, is_current=True)
        elif not proposal.secret_ballot:
            context["votes"] = Vote.objects.filter(
                proposal=proposal, is_current=True
            ).select_related("member")
    return render(request, "members/proposal_detail.html", context, status=status)


@member_view(*ACTIVE)
def proposal_detail(request, pk):
    return _detail(request, get_object_or_404(Proposal.objects.select_related("subject"), pk=pk))


@require_POST
@member_view(*ACTIVE)
def vote(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = _vote_form(proposal, None, request.POST)
    if not form.is_valid():
        # Shown again with what the member typed, and what to fix.
        return _detail(request, proposal, vote_form=form, status=400)
    try:
        result = voting.cast_vote(
            proposal.pk,
            request.member,
            form.cleaned_data["choice"],
            receipt=form.cleaned_data["receipt"],
            reason=form.cleaned_data.get("reason", ""),
        )
    except voting.VotingError as error:
        messages.error(request, str(error))
    else:
        if result.receipt:
            # Shown in this response only: no copy is kept anywhere near the member, not even
            # in their session.
            return render(
                request,
                "members/vote_receipt.html",
                {"proposal": proposal, "receipt": result.receipt, "changed": result.changed},
            )
        messages.success(
            request, _("Your vote is changed.") if result.changed else _("Your vote is recorded.")
        )
    return redirect("members:proposal", pk=pk)


@require_POST
@member_view(*ACTIVE)
@rate_limit("comment-user", key="user", store_down=OPEN)
def comment(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            voting.add_comment(proposal.pk, request.member, form.cleaned_data["body"])
        except voting.VotingError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("A comment cannot be empty or longer than 5,000 characters."))
    return redirect("members:proposal", pk=pk)


@require_POST
@member_view(*ACTIVE)
def withdraw(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    if proposal.proposer_id != request.member.pk:
        return forbidden(request)
    try:
        voting.withdraw(proposal.pk, request.member)
    except voting.VotingError as error:
        messages.error(request, str(error))
    return redirect("members:proposal", pk=pk)


@member_view(*ACTIVE)
def proposal_log(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    events = audit_log.describe(proposal.audit_entries.select_related("proposal").order_by("pk"))
    return render(request, "members/proposal_log.html", {"proposal": proposal, "events": events})


@member_view(*ACTIVE)
def member_detail(request, pk):
    """A member's record as colleagues see it: who they are, since when, and the votes
    about them (where a passed onboarding or contract vote's outcome links)."""
    member = get_object_or_404(Member.objects.exclude(status=Member.Status.APPLICANT), pk=pk)
    profile = member.profile_page if member.profile_page and member.profile_page.live else None
    about = member.proposals_about.exclude(status=Proposal.Status.WITHDRAWN).order_by("-pk")
    return render(
        request,
        "members/member_detail.html",
        {"shown": member, "profile": profile, "about": about},
    )


@member_view(*ACTIVE)
def leave(request):
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            # Leaving is one honest step, but not one slip: the box must be ticked.
            return render(
                request, "members/leave.html", {"member": request.member, "unconfirmed": True}
            )
        with transaction.atomic():  # the leaving and its confirmation email, or neither
            member = membership.leave(request.member, actor=request.user) or request.member
            member.refresh_from_db()
            emails.left_the_coop(member)  # queued in the outbox, sent by the worker
        return redirect("members:goodbye")
    return render(request, "members/leave.html", {"member": request.member})


# --- Applicants and former members ------------------------------------------------------------


@member_view(*APPLICANT)
def application(request):
    member = request.member
    proposal = (
        Proposal.objects.filter(kind=Kind.ONBOARD_PROVIDER, subject=member).order_by("-pk").first()
    )
    return render(request, "members/application.html", {"member": member, "proposal": proposal})


@require_POST
@member_view(*APPLICANT)
def withdraw_application(request):
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you withdraw your application."))
        return redirect("members:application")
    try:
        membership.withdraw_application(request.member)
    except membership.ApplicationError as error:
        messages.error(request, str(error))
        return redirect("members:application")
    messages.success(request, _("Your application is withdrawn."))
    return redirect("members:goodbye")


@member_view(*LEFT)
def goodbye(request):
    member = request.member
    return render(
        request,
        "members/goodbye.html",
        {
            "member": member,
            "my_votes": Vote.objects.filter(member=member, is_current=True).select_related(
                "proposal"
            ),
            "my_proposals": member.proposals_made.all(),
            "my_comments": member.comments.select_related("proposal"),
            "my_payments": Payment.objects.filter(member=member).select_related("cycle"),
            "my_refunds": Refund.objects.filter(member=member).select_related("cycle"),
        },
    )


# --- Public ---------------------------------------------------------------------------------


# Each application creates an account and a proposal every member sees: closed to floods,
# even while Redis is down.
@rate_limit("join-ip", key="ip", store_down=CLOSED)
def join(request):
    """The public application. The same thank-you page whether or not the address is known,
    so the form cannot be used to find out who is a member."""
    if request.user.is_authenticated and Member.objects.filter(user=request.user).exists():
        return redirect("members:home")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership.apply(
            email=data["email"],
            password=data["password1"],
            display_name=data["display_name"],
            profession=data["profession"],
            license_number=data["license_number"],
            license_state=data["license_state"],
            application_text=data["application_text"],
            language=translation.get_language(),
        )
        return render(request, "members/join_thanks.html")
    return render(request, "members/join.html", {"form": form})
