"""A visitor's journey through the public site, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_reads_the_faq_finds_a_provider_and_searches(page, site_url):
    page.goto(site_url + "/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("h1")).to_contain_text("Therapy from providers")
    page.shot("home")

    # FAQ: answers open and close with the mouse and with the keyboard.
    page.get_by_role("link", name="Co-op FAQ").first.click()
    expect(page).to_have_url(re.compile(r"/en/faq/$"))
    first = page.locator("details.faq__item").nth(0)
    second = page.locator("details.faq__item").nth(1)
    expect(first).not_to_have_attribute("open", "")
    first.locator("summary").click()
    expect(first).to_have_attribute("open", "")
    page.shot("faq-answer-open")
    first.locator("summary").click()
    expect(first).not_to_have_attribute("open", "")
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(second).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(second).not_to_have_attribute("open", "")

    # A deep link opens its answer.
    page.goto(site_url + "/en/faq/#so-does-everyone-make-the-same-wage")
    expect(page.locator("#so-does-everyone-make-the-same-wage")).to_have_attribute("open", "")
    page.shot("faq-deep-link")

    page.get_by_role("link", name="Our principles").first.click()
    expect(page.locator("section.principle")).to_have_count(7)
    page.get_by_role("link", name="Concern for community").click()
    expect(page).to_have_url(re.compile(r"#concern-for-community$"))
    page.shot("principles")

    page.goto(site_url + "/en/resources/")
    external = page.locator("a[rel~='noopener']").first
    expect(external).to_be_visible()
    page.shot("resources")

    # Directory: filter, remove the filter, open a profile.
    page.goto(site_url + "/en/directory/")
    count = page.locator("#directory-count")
    everyone = int(re.search(r"\d+", count.inner_text()).group())
    spanish_box = page.locator("input[name='language'][value='es']")
    if not spanish_box.is_visible():  # the filter lists fold away on narrow screens
        page.locator("details", has=spanish_box).locator("summary").click()
    spanish_box.check()
    page.get_by_role("button", name="Show providers").click()
    expect(page).to_have_url(re.compile(r"language=es"))
    spanish = int(re.search(r"\d+", count.inner_text()).group())
    assert 0 < spanish < everyone
    page.shot("directory-filtered")
    page.locator("a.directory-chip").first.click()
    expect(page).not_to_have_url(re.compile(r"language=es"))
    assert int(re.search(r"\d+", count.inner_text()).group()) == everyone
    page.locator(".provider-list a").first.click()
    expect(page.locator("h1")).to_be_visible()
    page.shot("provider-profile")

    # Search from the header, then follow a result to its answer.
    page.locator("#site-search-q").fill("wage")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=wage"))
    page.shot("search")
    page.locator(".search-result__title a").first.click()
    expect(page.locator("#so-does-everyone-make-the-same-wage")).to_have_attribute("open", "")


def test_skip_link_and_focus_are_usable_by_keyboard(page, site_url):
    page.goto(site_url + "/en/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.shot("skip-link")
