"""Issue 15's journeys in a real browser, one test per group: finding a provider on a phone,
reading and switching language, the members' area, and what editors and Spanish readers see.
Screenshots of each step land in test-artifacts/screenshots/<test>/."""

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import one_page_per_type_and_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "marcus.bell@lycan-coop.example", "coop-demo-member-2026"
PHONE = {"width": 390, "height": 844}
PUBLIC_PAGES = [
    "/en/",
    "/en/directory/",
    "/en/directory/ana-rivera/",
    "/en/faq/",
    "/en/principles/",
    "/en/resources/",
    "/en/contact/",
    "/en/search/?q=therapy",
    "/en/members/login/",
    "/en/no-such-page/",
    "/es/",
    "/es/directorio/",
    "/es/directorio/ana-rivera/",
    "/es/preguntas-frecuentes/",
    "/es/principios/",
    "/es/recursos/",
]


def _in_viewport(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] < height


def _wider_than_viewport(page, site_url, paths, width):
    page.set_viewport_size({"width": width, "height": 800})
    too_wide = {}
    for path in paths:
        page.goto(site_url + path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            too_wide[path] = scroll
    return too_wide


def log_in(page, site_url, language="en"):
    page.goto(f"{site_url}/{language}/members/login/")
    page.locator("form.members-form input[name='username']").fill(EMAIL)
    page.locator("form.members-form input[name='password']").fill(PASSWORD)
    page.locator("form.members-form button[type='submit']").click()
    page.wait_for_url("**/members/dashboard/")


def test_finding_a_provider_on_a_phone(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/en/")
    page.shot("home-phone")
    # A compact header: the hero's "Find a provider" is on the first screen.
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] < 260
    find = page.locator(".hero").get_by_role("link", name="Find a provider")
    assert _in_viewport(page, find)
    # The menu folds behind a button that says whether it is open.
    menu = page.get_by_role("button", name="Menu")
    expect(page.locator(".site-nav")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".site-nav")).to_be_visible()
    page.shot("menu-open")
    menu.click()

    find.click()
    page.get_by_label("Accepting new clients").check()
    page.locator("summary", has_text="Language").click()
    page.get_by_label("Spanish", exact=True).check()
    page.locator("summary", has_text="Insurance").click()
    page.get_by_label("Medicaid (Apple Health, Oregon Health Plan)").check()
    page.get_by_role("button", name="Show providers").click()
    page.wait_for_url(re.compile(r"insurance=medicaid#results$"))
    count = page.locator("#directory-count")
    expect(count).to_have_text(re.compile(r"4 providers found"))
    page.wait_for_timeout(600)  # smooth scrolling
    assert _in_viewport(page, count), "the results must be in view after filtering"
    page.shot("results-in-view")

    page.get_by_role("link", name="Ana Rivera").click()
    expect(page).to_have_url(re.compile(r"/en/directory/ana-rivera/\?.*language=es"))
    page.shot("profile-phone")
    call = page.get_by_role("link", name=re.compile(r"^Call \(206\) 555-0101"))
    expect(call).to_have_attribute("href", "tel:2065550101")
    expect(page.get_by_role("link", name=re.compile("Book a session"))).to_have_attribute(
        "href", "https://booking.example/ana-rivera"
    )
    expect(page.get_by_role("link", name="Send an email")).to_have_attribute(
        "href", "mailto:ana.rivera@lycan-coop.example"
    )
    # On a phone each label sits above its value: values get the whole width.
    label = page.locator(".provider-profile__facts dt").first.bounding_box()
    value = page.locator(".provider-profile__facts dd").first.bounding_box()
    assert value["y"] > label["y"] and value["width"] > 300
    page.get_by_role("link", name="Back to the directory").first.click()
    expect(page).to_have_url(re.compile(r"/en/directory/\?.*insurance=medicaid.*#results$"))
    expect(count).to_have_text(re.compile(r"4 providers found"))

    # A provider who is not listed (left, or a typo): a way on, not a dead end.
    response = page.goto(site_url + "/en/directory/no-such-provider/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("This provider is not listed")
    expect(page.get_by_role("link", name="See every provider")).to_have_attribute(
        "href", "/en/directory/"
    )
    expect(page.get_by_role("search").last).to_be_visible()
    page.shot("provider-not-listed")

    # Every kind of public page, in both languages (events, join and contact included).
    every_kind = sorted(set(PUBLIC_PAGES) | set(one_page_per_type_and_language()))
    for width in (320, 390):
        assert _wider_than_viewport(page, site_url, every_kind, width) == {}


def test_the_phone_menu_and_results_work_without_javascript(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "/en/directory/")
        expect(page.locator(".site-nav")).to_be_hidden()
        page.get_by_role("link", name="Menu").click()
        expect(page.locator(".site-nav")).to_be_visible()
        page.goto(site_url + "/en/directory/")
        page.get_by_label("Accepting new clients").check()
        page.get_by_role("button", name="Show providers").click()
        page.wait_for_url(re.compile(r"#results$"))
        # The browser's own jump to the fragment (smooth where motion is allowed) puts the
        # count at the top of the screen, above the first card.
        expect(page.locator("#directory-count")).to_be_in_viewport()
        expect(page.locator(".directory-filters")).not_to_be_in_viewport()
    finally:
        context.close()


def test_switching_language_keeps_your_place(page, site_url):
    switch = page.locator(".language-switcher a[hreflang='es']")

    page.goto(site_url + "/en/directory/?accepting=1&language=es&insurance=medicaid")
    switch.click()
    expect(page).to_have_url(re.compile(r"/es/directorio/\?accepting=1&language=es"))
    expect(page.locator("#directory-count")).to_have_text(re.compile(r"\b4 profesionales"))
    page.shot("directory-in-spanish")

    page.goto(site_url + "/en/resources/?topic=economics")
    switch.click()
    expect(page).to_have_url(re.compile(r"/es/recursos/\?topic=econom(%C3%AD|í)a$"))
    expect(page.locator(".resource-topics a[aria-current]")).to_have_text("Economía")

    page.goto(site_url + "/en/faq/#so-does-everyone-make-the-same-wage")
    switch.click()
    expect(page).to_have_url(re.compile(r"/es/preguntas-frecuentes/#todos-ganan-lo-mismo$"))
    expect(page.locator("#todos-ganan-lo-mismo")).to_have_attribute("open", "")
    page.shot("faq-anchor-in-spanish")

    page.goto(site_url + "/en/principles/#member-economic-participation")
    switch.click()
    expect(page).to_have_url(re.compile(r"/es/principios/#participacion-economica-de-los-socios$"))

    page.goto(site_url + "/en/search/?q=medicaid")
    switch.click()
    expect(page).to_have_url(re.compile(r"/es/search/\?q=medicaid$"))

    page.goto(site_url + "/en/members/login/?next=/en/members/billing/")
    switch.click()
    expect(page).to_have_url(re.compile(r"/es/members/login/\?next="))

    log_in(page, site_url)
    for path in ("members/billing/", "members/manual/", "members/proposals/"):
        page.goto(f"{site_url}/en/{path}")
        switch.click()
        expect(page).to_have_url(f"{site_url}/es/{path}")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        page.locator(".language-switcher a[hreflang='en']").click()
        expect(page).to_have_url(f"{site_url}/en/{path}")


def test_reading_faq_principles_and_resources(page, site_url):
    page.goto(site_url + "/en/faq/")
    question = page.locator("details#where-can-i-learn-more")
    question.locator("summary").click()
    # Opening a question puts its link in the address bar, and it has a link of its own.
    expect(page).to_have_url(re.compile(r"/en/faq/#where-can-i-learn-more$"))
    expect(question.get_by_role("link", name="Link to this question")).to_have_attribute(
        "href", "#where-can-i-learn-more"
    )
    question.get_by_role("link", name="resources page").click()
    expect(page).to_have_url(re.compile(r"/en/resources/$"))
    expect(page.get_by_role("heading", name="If you need help now")).to_be_visible()
    page.shot("resources")

    page.goto(site_url + "/es/preguntas-frecuentes/#como-practicamos-el-modelo-cooperativo")
    page.get_by_role("link", name="página de principios").click()
    expect(page).to_have_url(re.compile(r"/es/principios/$"))

    for word in ("Phoenix", "Wolff", "988"):
        page.goto(f"{site_url}/en/search/?q={word}")
        expect(page.locator(".search-results")).to_contain_text("Further reading")

    page.goto(site_url + "/en/principles/")
    for anchor in ("voluntary-and-open-membership", "democratic-member-control"):
        figures = page.locator(f"#{anchor} .figures dd")
        assert figures.count() >= 1
    expect(page.locator("#democratic-member-control .figures")).to_contain_text("took part")
    expect(page.locator("#member-economic-participation")).to_contain_text(
        "in proportion to what each paid"
    )
    expect(page.locator("main")).not_to_contain_text("equal shares")
    page.shot("principles")

    page.goto(site_url + "/en/contact/")
    main = page.locator("main")
    expect(main.locator("a[href^='tel:']")).to_have_count(1)
    expect(main.locator("a[href^='mailto:']")).to_have_count(1)


def test_members_area_from_the_public_site(page, site_url):
    for path in PUBLIC_PAGES:
        page.goto(site_url + path)
        language = path.split("/")[1]
        login = page.locator(".site-account__login")
        expect(login).to_have_attribute("href", f"/{language}/members/login/")
    log_in(page, site_url)
    header = page.locator(".site-header")
    expect(header).to_contain_text("Marcus Bell")
    expect(header.get_by_role("button", name="Log out")).to_be_visible()
    nav = page.get_by_role("navigation", name="Members area")
    expect(nav.locator("a[aria-current='page']")).to_have_text("Dashboard")
    tops = {
        round(b["y"]) for b in (a.bounding_box() for a in nav.locator(".members-nav__main a").all())
    }
    assert len(tops) == 1, "the members' links sit on one line"

    page.goto(site_url + "/en/members/manual/")
    expect(page.locator(".members-nav a[aria-current='page']")).to_have_text("Manual")
    toc_style = page.locator(".manual-toc ol").first.evaluate(
        "e => getComputedStyle(e).listStyleType"
    )
    assert toc_style == "none"
    expect(page.locator("main")).not_to_contain_text("Unchanged since version")
    page.get_by_role("button", name=re.compile("I have read")).click()
    message = page.locator(".members-message").first
    assert message.evaluate("e => getComputedStyle(e).display") != "list-item" or (
        message.evaluate("e => getComputedStyle(e.parentElement).listStyleType") == "none"
    )
    page.shot("manual")

    page.set_viewport_size(PHONE)
    page.goto(site_url + "/en/members/billing/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator(".notice--billing")).to_contain_text("check or bank transfer")
    expect(page.locator("main")).not_to_contain_text("Stripe keys")
    expect(page.locator("main")).not_to_contain_text("(negative: deficit)")
    page.shot("finances-phone")
    page.goto(site_url + "/en/members/dashboard/")
    expect(page.locator(".notice--billing")).to_be_visible()

    page.goto(site_url + "/en/members/leave/")
    page.get_by_role("button", name="Yes, I am leaving").click()
    expect(page).to_have_url(re.compile(r"/en/members/leave/$"))  # the box was not ticked
    stay = page.get_by_role("link", name="No, stay").bounding_box()
    leave = page.get_by_role("button", name="Yes, I am leaving").bounding_box()
    assert (
        stay["x"] >= leave["x"] + leave["width"] + 12 or stay["y"] >= leave["y"] + leave["height"]
    )
    page.shot("leave")


def test_spanish_money_search_marks_and_admin_sign_in(page, site_url):
    log_in(page, site_url)
    page.goto(site_url + "/es/members/billing/")
    expect(page.locator(".billing-fee")).to_contain_text("585,00 US$")
    page.goto(site_url + "/es/search/?q=terapia+a")
    for mark in page.locator(".search-result__snippet mark").all():
        assert mark.inner_html().lower() in {"terapia", "a"}
    expect(page.locator("main")).not_to_contain_text("ark>")
    page.shot("search-marks")
    response = page.goto(site_url + "/admin/login/")
    policy = response.headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()  # and it still works
    assert page.watch.csp_violations == []
