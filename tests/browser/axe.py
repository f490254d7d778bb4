"""axe-core with the WCAG 2.2 AA rules, on the page as it is now or swept over pages."""

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}


def violations(page):
    """(rule, the first three elements' targets) for each rule the page breaks now."""
    result = Axe().run(page, options=OPTIONS)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]]


def sweep(page, site_url, paths, schemes=("light", "dark"), prepare=None, status=200):
    """The violations of each path in each color scheme, keyed "scheme URL"; empty when none.

    Each path is loaded (its response must have `status`, unless None), then
    `prepare(page, path)` runs if given (to click or fill before the check). The page is left
    in the last scheme."""
    failures = {}
    for scheme in schemes:
        page.emulate_media(color_scheme=scheme)
        for path in paths:
            url = site_url + path
            response = page.goto(url)
            if status is not None:
                assert response.status == status, url
            if prepare is not None:
                prepare(page, path)
            if found := violations(page):
                failures[f"{scheme} {url}"] = found
    return failures
