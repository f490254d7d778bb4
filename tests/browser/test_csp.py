"""The Content Security Policy holds in a real browser: injected script does not run."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECT = """() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective));
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.appendChild(script);
    setTimeout(() => resolve(null), 2000);
})"""


@pytest.mark.parametrize("path", ["/en/faq/", "/en/members/login/"])
def test_injected_inline_script_is_blocked_and_reported(page, site_url, path):
    page.goto(site_url + path)
    assert page.evaluate(INJECT) == "script-src-elem"
    assert page.evaluate("() => window.__injected") is None
    page.watch.console_errors.clear()  # the browser's report of the blocked script
