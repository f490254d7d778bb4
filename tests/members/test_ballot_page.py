"""The proposal page as a voter uses it: the ballot holds your vote, an open ballot takes a
reason, participation towards the quorum, who has not voted, the rules as a sentence, and
the outcome: a chart and what was carried out, with a link."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from members import effects, tally, voting
from members.factories import make_member, make_open_proposal, pass_proposal
from members.models import Kind, Member, Vote

pytestmark = pytest.mark.django_db


def page(client, proposal, language="en"):
    with translation.override(language):
        url = reverse("members:proposal", args=[proposal.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def vote(client, proposal, **data):
    return client.post(reverse("members:vote", args=[proposal.pk]), data)


def checked(html):
    """The value of the checked radio button of the ballot, or None."""
    found = re.search(r'<input type="radio" name="choice" value="(\w+)"[^>]*checked', html)
    return found.group(1) if found else None


def test_after_voting_your_choice_is_selected_and_the_button_changes(client, member):
    proposal = make_open_proposal(member)
    client.force_login(member.user)
    html = page(client, proposal)
    assert checked(html) is None
    assert ">Vote</button>" in html
    vote(client, proposal, choice="no")
    html = page(client, proposal)
    assert checked(html) == "no"
    assert "Change my vote</button>" in html
    vote(client, proposal, choice="yes")
    assert checked(page(client, proposal)) == "yes"


def test_a_reason_is_kept_with_the_vote_and_shown_beside_it(client, member, other):
    proposal = make_open_proposal(member)
    client.force_login(member.user)
    vote(client, proposal, choice="yes", reason="We print a lot of intake forms.")
    current = Vote.objects.get(proposal=proposal, member=member, is_current=True)
    assert current.reason == "We print a lot of intake forms."
    # The ballot shows it again, to edit; a new reason alone changes the vote.
    assert "We print a lot of intake forms.</textarea>" in page(client, proposal)
    vote(client, proposal, choice="yes", reason="Intake forms, and the newsletter.")
    assert Vote.objects.filter(proposal=proposal, member=member).count() == 2
    pass_proposal(proposal, voters=[other])
    html = page(client, proposal)
    assert "Ana Active: Yes" in html and "Intake forms, and the newsletter." in html


def test_a_secret_ballot_asks_for_no_reason_and_refuses_one(client, member):
    proposal = make_open_proposal(member, kind=Kind.END_CONTRACT, subject=make_member())
    assert proposal.secret_ballot
    client.force_login(member.user)
    assert 'name="reason"' not in page(client, proposal)
    with pytest.raises(voting.VotingError):
        voting.cast_vote(proposal.pk, member, "yes", reason="They named me in a complaint.")


def test_a_too_long_reason_is_shown_again_with_the_error(client, member):
    proposal = make_open_proposal(member)
    client.force_login(member.user)
    response = vote(client, proposal, choice="no", reason="x" * 1001)
    assert response.status_code == 400
    html = response.content.decode()
    assert "x" * 1001 in html and "at most 1000 characters" in html
    assert not Vote.objects.filter(proposal=proposal, member=member).exists()


def test_participation_towards_the_quorum_is_shown(client, member):
    proposal = make_open_proposal(member)
    voted, needed = tally.participation(proposal)
    assert voted == 0 and needed == -(-50 * proposal.electorate_size // 100)
    voting.cast_vote(proposal.pk, member, "abstain")
    client.force_login(member.user)
    html = page(client, proposal)
    assert f"1 voted; the quorum is {needed} ({proposal.electorate_size} entitled" in html


def test_who_has_not_voted_yet_is_listed_in_open_ballots_only(client, member, other):
    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, member, "yes")
    client.force_login(member.user)
    html = page(client, proposal)
    section = html[html.index('id="not-voted"') :]
    assert "Bo Other" in section and "Ana Active" not in section.split("</section>")[0]
    secret = make_open_proposal(member, kind=Kind.END_CONTRACT, subject=make_member())
    assert 'id="not-voted"' not in page(client, secret)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "it passes when more than half of the yes and no votes cast are yes."),
        ("es", "se aprueba cuando más de la mitad de los votos a favor y en contra son a favor."),
    ],
)
def test_the_rules_read_as_a_sentence(client, member, language, sentence):
    proposal = make_open_proposal(member)
    client.force_login(member.user)
    html = page(client, proposal, language)
    assert sentence in html
    assert "Of yes and no votes cast" not in html


def test_the_closed_vote_shows_a_chart_with_its_numbers_as_text(client, member, other):
    proposal = make_open_proposal(member)
    voting.cast_vote(proposal.pk, member, "yes")
    voting.cast_vote(proposal.pk, other, "no")
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    client.force_login(member.user)
    html = page(client, proposal)
    start = html.index('<figure class="vote-chart">')
    chart = html[start : html.index("</figure>", start)]
    assert 'role="img"' in chart and "<title" in chart
    assert "Yes: 1" in chart and "No: 1" in chart and "Abstain: 0" in chart
    not_voted = proposal.electorate_size - 2
    assert f"Did not vote: {not_voted}" in chart


def test_the_outcome_says_what_was_carried_out_with_a_link(client, member, monkeypatch):
    def effect(proposal):
        return effects.Carried(
            "The fee is now %(fee_cents)s a month from %(start)s.",
            {"fee_cents": 58500, "start": "2027-01-01"},
            "members:member",
            {"pk": member.pk},
        )

    monkeypatch.setitem(effects.EFFECTS, Kind.GENERAL, [effect])
    proposal = pass_proposal(make_open_proposal(member))
    client.force_login(member.user)
    html = page(client, proposal)
    link = reverse("members:member", args=[member.pk])
    # Money and days read as the reader reads them, not as cents and ISO dates.
    assert f'<a href="{link}">The fee is now $585.00 a month from Jan. 1, 2027.</a>' in html
    assert "Carried out on " in html
    assert "Carried out: Carried out" not in html
    assert "a.m.." not in html and "p.m.." not in html  # the close's time ends one sentence


def test_onboarding_carries_out_a_link_to_the_new_member(client, member):
    applicant = make_member(
        "Cy Applicant", status=Member.Status.APPLICANT, license_number="MC1", license_state="WA"
    )
    proposal = voting.propose(
        kind=Kind.ONBOARD_PROVIDER, title="Welcome", body="About me", subject=applicant
    )
    client.force_login(member.user)
    html = page(client, proposal)
    for fact in ("MC1", "WA", applicant.email, "About me", applicant.profession):
        assert fact in html
    pass_proposal(proposal)
    html = page(client, proposal, "es")
    link = reverse("members:member", args=[applicant.pk])
    assert link in html and "Cy Applicant" in html
    assert client.get(link).status_code == 200
