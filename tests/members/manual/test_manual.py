"""The Co-Op Procedures manual: versions, amendments by vote, conflicts, editorial fixes,
diffs, acknowledgements, and that nobody outside the members' area ever sees it."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page, Revision, Site

from members import manual, voting
from members.factories import make_member, pass_proposal
from members.models import (
    Kind,
    ManualAcknowledgement,
    ManualAmendment,
    ManualPage,
    ManualSettings,
    ManualVersion,
    Member,
    Proposal,
)
from tests.otp import verified_admin_login

pytestmark = pytest.mark.django_db

SECRET = "zanzibarquokka"


@pytest.fixture
def page(db):
    return manual.current_manual()


def edited(page, anchor, text):
    sections = manual.sections_of(manual.version_page(manual.current_version(page)))
    sections, changed = manual.apply_changes(
        sections, edits={a: (c["title"], c["text"]) for a, c in []} | {anchor: ("", text)}
    )
    assert changed
    return sections


@pytest.fixture
def voters(member, other):
    """Everyone active, so quorum is met."""
    return list(Member.objects.active())


def amend(page, member, anchor, text, title="Change"):
    return manual.draft_amendment(
        page, member, sections=edited(page, anchor, text), title=title, body="Why.", notify=False
    )


def test_the_demo_manual_has_two_versions_and_an_open_amendment(page):
    assert page is not None and page.live
    versions = list(page.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].source == ManualVersion.Source.INITIAL
    assert versions[1].source == ManualVersion.Source.AMENDMENT and versions[1].proposal
    assert page.live_revision_id == versions[1].revision_id
    titles = [s["title"] for s in versions[1].outline]
    assert titles[0] == "Membership and leaving" and len(titles) == 8
    open_ones = ManualAmendment.objects.exclude(proposal__status=Proposal.Status.CLOSED)
    assert open_ones.count() == 1
    amendment = open_ones.get()
    assert amendment.proposal.payload["revision_id"] == amendment.revision_id
    assert manual.amendment_status(amendment) == manual.Status.DRAFT


def test_a_passed_amendment_publishes_exactly_its_revision(page, member, voters):
    before = manual.current_version(page)
    amendment = amend(page, member, "group-buying", "We buy together. " + SECRET)
    # An editor's unrelated draft saved in the admin meanwhile must not go live.
    admin_draft = ManualPage.objects.get(pk=page.pk)
    admin_draft.intro = "EDITOR-DRAFT"
    admin_draft.save_revision()
    assert amendment.proposal.payload == {
        "page_id": page.pk,
        "revision_id": amendment.revision_id,
        "base_version": before.number,
    }
    proposal = pass_proposal(amendment.proposal, voters=voters, choice="yes")
    assert proposal.enactment_status == Proposal.Enactment.DONE
    page.refresh_from_db()
    version = manual.current_version(page)
    assert version.number == before.number + 1
    assert version.revision_id == amendment.revision_id == page.live_revision_id
    assert version.proposal == proposal and version.source == ManualVersion.Source.AMENDMENT
    assert page.intro != "EDITOR-DRAFT"
    assert SECRET in str(ManualPage.objects.get(pk=page.pk).sections.raw_data)
    assert manual.amendment_status(amendment) == manual.Status.ENACTED
    history = manual.clause_history(page, version)
    assert history["group-buying"] == version and history["who-may-join"] != version
    # Closing again enacts nothing more.
    voting.close_proposal(proposal.pk, now=proposal.closes_at)
    assert page.versions.count() == version.number


def test_a_failed_amendment_changes_nothing_and_stays_on_record(page, member, voters):
    before = manual.current_version(page)
    live = page.live_revision_id
    amendment = amend(page, member, "group-buying", "Rejected text")
    proposal = pass_proposal(amendment.proposal, voters=voters, choice="no")
    assert proposal.outcome == Proposal.Outcome.FAILED
    page.refresh_from_db()
    assert page.live_revision_id == live and manual.current_version(page) == before
    assert Revision.objects.filter(pk=amendment.revision_id).exists()
    assert manual.amendment_status(amendment) == manual.Status.REJECTED


def test_a_conflicting_amendment_is_refused_then_brought_up_to_date(page, member, other, voters):
    first = amend(page, member, "group-buying", "First change wins.")
    second = amend(page, other, "prefer-co-ops", "Second change, drafted on the same base.")
    pass_proposal(first.proposal, voters=voters, choice="yes")
    live = ManualPage.objects.get(pk=page.pk).live_revision_id
    assert manual.amendment_status(second) == manual.Status.CONFLICTING
    proposal = pass_proposal(second.proposal, voters=voters, choice="yes")
    assert proposal.outcome == Proposal.Outcome.PASSED
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert "AmendmentConflict" in proposal.enactment_error
    assert ManualPage.objects.get(pk=page.pk).live_revision_id == live  # never overwritten
    # Rebase: a new draft on top of the version in force, and a new vote.
    new, conflicts = manual.rebase(second, other)
    assert conflicts == []
    assert new.base_version == manual.current_version(page) and new.rebased_from == second
    pass_proposal(new.proposal, voters=voters, choice="yes")
    text = str(ManualPage.objects.get(pk=page.pk).sections.raw_data)
    assert "First change wins." in text and "Second change, drafted" in text


def test_rebase_reports_clauses_changed_on_both_sides(page, member, other, voters):
    first = amend(page, member, "group-buying", "Mine.")
    second = amend(page, other, "group-buying", "Theirs.")
    pass_proposal(first.proposal, voters=voters, choice="yes")
    new, conflicts = manual.rebase(second, other)
    assert conflicts == ["group-buying"]
    assert "group-buying" in new.proposal.body


def test_an_amendment_without_a_draft_is_refused(member, voters, page):
    live = page.live_revision_id
    proposal = voting.propose(
        kind=Kind.MANUAL_AMENDMENT, title="No draft", body="b", proposer=member, notify=False
    )
    voting.open_proposal(proposal.pk, now=proposal.opens_at, notify=False)
    for m in voters:
        voting.cast_vote(proposal.pk, m, "yes", now=proposal.opens_at)
    voting.close_proposal(proposal.pk, now=proposal.closes_at, notify=False)
    proposal.refresh_from_db()
    assert proposal.enactment_status == Proposal.Enactment.FAILED
    assert ManualPage.objects.get(pk=page.pk).live_revision_id == live


def _admin_request(note):
    n = get_user_model().objects.count()
    admin = get_user_model().objects.create_superuser(f"ed{n}", f"ed{n}@example.org", "x" * 16)
    request = RequestFactory().post("/admin/", {"editorial_note": note} if note else {})
    request.user = admin
    request.session = {}
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    return request


def test_admin_publishing_needs_an_editorial_note_and_is_marked(page):
    count = page.versions.count()
    request = _admin_request("")
    response = manual.before_admin_publish(request, page)
    assert response is not None and response.status_code == 302
    request = _admin_request("Fixed a typo in 4.1")
    assert manual.before_admin_publish(request, page) is None
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Fixed intro"
    draft.save_revision(user=request.user).publish(user=request.user)
    manual.after_admin_publish(request, page)
    version = manual.current_version(page)
    assert version.number == count + 1
    assert version.source == ManualVersion.Source.EDITORIAL
    assert version.note == "Fixed a typo in 4.1" and version.published_by == request.user


def test_publishing_any_other_way_is_recorded_as_such(page, client, member):
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = "Sneaky"
    draft.save_revision().publish()
    version = manual.current_version(page)
    assert version.source == ManualVersion.Source.UNRECORDED
    client.force_login(member.user)
    page_html = client.get(reverse("members:manual_versions")).content.decode()
    assert "published without a vote or an editorial note" in page_html


def test_version_and_diff_views_render(client, member, page):
    client.force_login(member.user)
    current = manual.current_version(page)
    home = client.get(reverse("members:manual")).content.decode()
    assert "Membership and leaving" in home and 'id="leaving-is-always-allowed"' in home
    assert "Contents" in home and "Last changed in version 2 by the proposal" in home
    assert client.get(reverse("members:manual_print")).status_code == 200
    old = client.get(reverse("members:manual_version", args=[1])).content.decode()
    assert "This is not the version in force" in old
    diff = client.get(reverse("members:manual_diff") + "?from=1&to=2").content.decode()
    assert "<ins>" in diff and "<del>" in diff and "cost no more" in diff
    assert client.get(reverse("members:manual_diff") + "?from=1&to=99").status_code == 404
    assert (
        client.get(reverse("members:manual_version", args=[current.number + 5])).status_code == 404
    )


def test_word_diff_escapes_and_marks():
    html = manual.word_diff("a <b> c", "a <b> d e")
    assert html == "a &lt;b&gt; <del>c</del><ins>d e</ins>"


def test_a_member_drafts_an_amendment_through_the_form(client, member, page):
    client.force_login(member.user)
    form_page = client.get(reverse("members:manual_amend"))
    assert form_page.status_code == 200
    form = form_page.context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    data.update(
        title="Manual: add a clause",
        body="Because.",
        new_section="community",
        new_title="Sliding scale",
        new_text="Each provider offers some sliding-scale places.",
    )
    response = client.post(reverse("members:manual_amend"), data)
    assert response.status_code == 302, response.context["form"].errors
    amendment = ManualAmendment.objects.get(proposal__title="Manual: add a clause")
    assert amendment.proposal.kind == Kind.MANUAL_AMENDMENT
    detail = client.get(response["Location"]).content.decode()
    assert "Sliding scale" in detail and "<ins>" in detail
    outline = manual.version_page_outline(amendment.revision)
    assert outline[6]["clauses"][-1]["anchor"] == "sliding-scale"
    # Nothing changed: refused.
    data.pop("new_section")
    data["title"] = "Nothing"
    response = client.post(reverse("members:manual_amend"), data)
    assert response.status_code == 200 and "Nothing in the manual would change" in (
        response.content.decode()
    )


def test_acknowledgements_and_the_dashboard_reminder(client, member, page):
    client.force_login(member.user)
    current = manual.current_version(page)
    dashboard = client.get(reverse("members:dashboard")).content.decode()
    assert "you have not yet confirmed reading it" in dashboard
    old = page.versions.get(number=1)
    client.post(reverse("members:manual_acknowledge"), {"version": old.number})
    assert not ManualAcknowledgement.objects.filter(member=member).exists()
    client.post(reverse("members:manual_acknowledge"), {"version": current.number})
    client.post(reverse("members:manual_acknowledge"), {"version": current.number})
    assert ManualAcknowledgement.objects.filter(member=member, version=current).count() == 1
    dashboard = client.get(reverse("members:dashboard")).content.decode()
    assert "you have confirmed reading it" in dashboard
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    verified_admin_login(client, admin)
    readers = client.get(reverse("manual_readers")).content.decode()
    assert member.display_name in readers and "Not yet" in readers
    editor = get_user_model().objects.create_user("plain", "p@example.org", "x" * 16)
    client.force_login(editor)
    assert client.get(reverse("manual_readers")).status_code in (302, 403)


def test_dashboard_lists_changes_since_the_last_visit(client, member, other, page):
    client.force_login(member.user)
    client.get(reverse("members:manual"))
    amendment = amend(page, other, "group-buying", "New wording after the visit.")
    pass_proposal(amendment.proposal, voters=list(Member.objects.active()), choice="yes")
    dashboard = client.get(reverse("members:dashboard")).content.decode()
    assert "Changed since your last visit" in dashboard


def _with_secret(page):
    request = _admin_request("typo")
    manual.before_admin_publish(request, page)
    draft = ManualPage.objects.get(pk=page.pk)
    draft.intro = f"Intro {SECRET}"
    draft.save_revision().publish()


def test_anonymous_visitors_and_public_search_never_see_the_manual(client, page, member):
    _with_secret(page)
    page = ManualPage.objects.get(pk=page.pk)
    assert not Page.objects.live().public().filter(pk=page.pk).exists()
    for query in (SECRET, "Procedures manual"):
        response = client.get(reverse("search"), {"q": query})
        assert all(r["page"].pk != page.pk for r in response.context["results"]), query
        assert page.url not in response.content.decode()
    assert client.get(reverse("search"), {"q": SECRET}).context["results"] == []
    for url in [
        "/sitemap.xml",
        "/en/",
        reverse("members:manual_public"),
        reverse("members:join"),
    ]:
        response = client.get(url)
        assert SECRET not in response.content.decode(), url
        assert page.url not in response.content.decode(), url
    # Wagtail's own front end hands it to the members' area, which asks for a login.
    response = client.get(page.url, follow=True)
    assert SECRET not in response.content.decode()
    assert response.redirect_chain and "login" in response.redirect_chain[-1][0]
    response = client.get(reverse("members:manual"))
    assert response.status_code == 302 and SECRET not in response.content.decode()
    # A logged-in account that is not a member gets 403.
    editor = get_user_model().objects.create_user("nobody", "n@example.org", "x" * 16)
    client.force_login(editor)
    response = client.get(reverse("members:manual"))
    assert response.status_code == 403 and SECRET not in response.content.decode()
    # After a member has read it, anonymous search still does not find it (warm cache).
    client.force_login(member.user)
    assert SECRET in client.get(reverse("members:manual")).content.decode()
    client.logout()
    assert client.get(reverse("search"), {"q": SECRET}).context["results"] == []


def test_the_public_copy_only_when_the_setting_allows_it(client, page):
    _with_secret(page)
    settings = ManualSettings.for_site(Site.objects.get(is_default_site=True))
    assert client.get(reverse("members:manual_public")).status_code == 404
    settings.offer_to_applicants = True
    settings.save()
    response = client.get(reverse("members:manual_public"))
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    join = client.get(reverse("members:join")).content.decode()
    assert reverse("members:manual_public") in join
    # Still never a search result: only pages are searched, and the page is restricted.
    assert client.get(reverse("search"), {"q": SECRET}).context["results"] == []


def test_a_new_manual_page_is_always_restricted(home):
    page = ManualPage(title="Another", slug="another-manual", sections=manual.stream_from([]))
    home.add_child(instance=page)
    assert not Page.objects.public().filter(pk=page.pk).exists()


def test_only_active_members_amend_or_confirm(page, applicant):
    with pytest.raises(manual.ManualError):
        manual.draft_amendment(page, applicant, sections=[], title="t", body="b")
    with pytest.raises(manual.ManualError):
        manual.acknowledge(applicant, manual.current_version(page))


def test_plain_text_round_trip():
    source = "<p>One &amp; two.</p><ul><li>a</li><li>b</li></ul><p>End</p>"
    text = manual.plain_text(source)
    assert text == "One & two.\n\n- a\n- b\n\nEnd"
    assert manual.plain_text(manual.rich_text_from_plain(text)) == text
    assert "<script>" not in manual.rich_text_from_plain("<script>x</script>")


def test_a_member_of_another_status_cannot_rebase(page, member, other, voters, former):
    first = amend(page, member, "group-buying", "A")
    second = amend(page, other, "prefer-co-ops", "B")
    pass_proposal(first.proposal, voters=voters, choice="yes")
    with pytest.raises(manual.ManualError):
        manual.rebase(second, former)
    assert make_member  # factories importable for other tests
