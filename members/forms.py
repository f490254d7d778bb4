from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _

from . import emails
from .models import Choice, Kind


class EmailLoginForm(AuthenticationForm):
    """Django's login form, asking for the email address (the field keeps the name
    `username`, which django-axes counts failures against)."""

    username = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's form, its email queued in the outbox for the worker to write and send
    (members/emails.py): no email is sent inside a request."""

    def send_mail(self, subject_template, email_template, context, from_email, to_email, **kwargs):
        emails.password_reset(context["user"], to_email, context)


class ApplicationForm(forms.Form):
    """The public "Join us" application. It asks about the practice, never about health."""

    display_name = forms.CharField(
        label=_("Your name as colleagues will see it"),
        max_length=120,
        help_text=_("For example: Ana Ruiz, LMHC"),
    )
    email = forms.EmailField(label=_("Email address"), max_length=254)
    profession = forms.CharField(
        label=_("License or role"),
        max_length=120,
        help_text=_("For example: licensed mental health counselor, ARNP, supervisor."),
    )
    license_number = forms.CharField(
        label=_("License number"),
        max_length=40,
        help_text=_("As it appears on the state's license lookup, so members can check it."),
    )
    license_state = forms.CharField(
        label=_("State that issued the license"),
        max_length=40,
        help_text=_("For example: Washington"),
    )
    application_text = forms.CharField(
        label=_("About your practice"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Who you work with, how you work, and why you want to join the co-op. "
            "Members read this before they vote."
        ),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. You will use it to follow your application."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def proposable_kinds():
    """The kinds the members' form offers now (see `members.proposing.offered_kinds`)."""
    from .proposing import offered_kinds

    return [(kind, Kind(kind).label) for kind in offered_kinds()]


class ProposalForm(forms.Form):
    """What every proposal asks for; a kind's own fields come from `effects.form_for(kind)`
    and are shown and checked beside these (`members.proposing.KindProposal`)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=proposable_kinds)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("What you propose and why"), max_length=20000, widget=forms.Textarea
    )
    voting_days = forms.IntegerField(
        label=_("Voting period in days"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=_("Leave empty for the shortest period the rules allow."),
    )

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind:  # chosen by the page's address, not asked again
            del self.fields["kind"]

    def clean(self):
        data = super().clean()
        if self.kind:
            data["kind"] = self.kind
        return data


class VoteForm(forms.Form):
    """A vote; in an open ballot, with an optional reason the other members read beside it.

    Built with the member's current choice and reason as `initial`, so the form shows the
    vote they hold. A secret ballot has no reason field: a reason could name the voter.
    """

    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Choice.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Your reason (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown beside your vote to the other members."),
    )
    receipt = forms.CharField(
        label=_("Receipt code (to change a secret vote)"), max_length=32, required=False
    )

    def __init__(self, *args, secret_ballot=False, **kwargs):
        super().__init__(*args, **kwargs)
        if secret_ballot:
            del self.fields["reason"]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
