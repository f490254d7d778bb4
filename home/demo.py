"""Builds the public part of the demo site. Idempotent: whatever exists is left as it is."""

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, Page, Site

from . import demo_content as content
from .models import FAQPage, HomePage, PrinciplesPage, SiteSettings, SiteText, StandardPage

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def publish_child(parent, page):
    """Add `page` under `parent` and publish it as a first revision, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def child_by_slug(parent, slug):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def ensure_locales():
    english, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    return english, spanish


def ensure_root():
    """Wagtail's migrations make the tree's root; a flushed database (transactional tests)
    has none, so make it again."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.get_default(), live=True)
        )
    return root


def ensure_home(log):
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        root = ensure_root()
        # `migrate` leaves Wagtail's placeholder page; the co-op's home page takes its place.
        for placeholder in root.get_children().filter(title=WAGTAIL_WELCOME_TITLE):
            if placeholder.specific_class is Page and not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(
            title=content.HOME["title"],
            slug="home",
            intro=content.HOME["intro"],
            seo_title=content.ORGANISATION["organisation_name"],
        )
        publish_child(root, home)
        log(f"created the home page: {home.title}")
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=content.ORGANISATION["organisation_name"],
        )
    elif site.root_page_id != home.pk or (settings.DEBUG and _moved(site)):
        # First run: point Wagtail's default site at the home page, on the address it is
        # served from, so canonical and sitemap URLs are right. In development, again
        # whenever `make run PORT=...` serves it elsewhere.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.root_page = home
        site.site_name = content.ORGANISATION["organisation_name"]
        site.hostname = address.hostname or "localhost"
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save()
    return site, home


def _moved(site):
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    return (site.hostname, site.port) != (address.hostname or "localhost", port)


def ensure_settings(site, english):
    site_settings = SiteSettings.for_site(site)
    if site_settings.organisation_name in ("", "coopsite"):
        for field, value in content.ORGANISATION.items():
            setattr(site_settings, field, value)
        site_settings.save()
    if not SiteText.objects.filter(locale=english).exists():
        SiteText.objects.create(
            locale=english, crisis_notice=content.CRISIS_NOTICE, footer_text=content.FOOTER_TEXT
        )


def ensure_public_pages(home, log):
    if child_by_slug(home, content.FAQ["slug"]) is None:
        publish_child(
            home,
            FAQPage(
                title=content.FAQ["title"],
                slug=content.FAQ["slug"],
                intro=content.FAQ["intro"],
                menu_title=content.FAQ["menu_title"],
                show_in_menus=True,
                questions=[
                    ("question", {"question": q, "anchor": slugify(q), "answer": a})
                    for q, a in content.FAQ["questions"]
                ],
            ),
        )
        log("created the FAQ")
    if child_by_slug(home, content.PRINCIPLES["slug"]) is None:
        publish_child(
            home,
            PrinciplesPage(
                title=content.PRINCIPLES["title"],
                slug=content.PRINCIPLES["slug"],
                intro=content.PRINCIPLES["intro"],
                show_in_menus=True,
                menu_title=content.PRINCIPLES["menu_title"],
                principles=[
                    ("principle", {"name": n, "anchor": slugify(n), "meaning": m, "practice": p})
                    for n, m, p in content.PRINCIPLES["principles"]
                ],
            ),
        )
        log("created the principles page")
    for spec in content.STANDARD_PAGES:
        if child_by_slug(home, spec["slug"]) is None:
            publish_child(
                home,
                StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    intro=spec["intro"],
                    show_in_menus=spec["show_in_menus"],
                    body=spec["body"],
                ),
            )
            log(f"created {spec['title']}")


def link_faq(home, log):
    """The FAQ's links to other pages ({slug} in its answers), once those pages exist."""
    faq = child_by_slug(home, content.FAQ["slug"])
    if faq is None:
        return
    faq = faq.specific
    raw = faq.questions.raw_data
    changed = False
    for block in raw:
        answer = block["value"]["answer"]
        for slug in ("resources", "principles"):
            target = child_by_slug(home, slug)
            if target is not None and f'id="{{{slug}}}"' in answer:
                answer = answer.replace(f'id="{{{slug}}}"', f'id="{target.pk}"')
                changed = True
        block["value"]["answer"] = answer
    if changed:
        faq.questions = raw
        faq.save_revision().publish()
        log("linked the FAQ to the resources and principles pages")


def link_home(home, log):
    """Cards and the providers' call to action on the home page, once their pages exist."""
    link_faq(home, log)
    if home.highlights:
        return
    cards = []
    for slug, title, text in content.HOME["cards"]:
        target = child_by_slug(home, slug)
        if target is not None:
            cards.append(("card", {"page": target, "title": title, "text": text}))
    join = child_by_slug(home, "join-us")
    home.highlights = cards
    if join is not None:
        home.join_cta = [("call_to_action", {**content.HOME["cta"], "page": join, "url": ""})]
    home.save_revision().publish()
    log(f"linked {len(cards)} cards from the home page")


def ensure_admin(log):
    User = get_user_model()
    spec = content.DEMO_ADMIN
    admin = User.objects.filter(username=spec["username"]).first()
    if admin is None:
        admin = User.objects.create_superuser(spec["username"], spec["email"], spec["password"])
        log(f"created the admin user {spec['username']}")
    if not TOTPDevice.objects.filter(user=admin).exists():
        TOTPDevice.objects.create(
            user=admin, name="Demo authenticator", key=spec["totp_key"], confirmed=True
        )
        log("gave the admin user the demo's published two-factor key")


def demo_otp_key():
    """The demo admin's authenticator key as apps take it (base32)."""
    return b32encode(unhexlify(content.DEMO_ADMIN["totp_key"])).decode()


@transaction.atomic
def load_pages(log):
    english, _spanish = ensure_locales()
    site, home = ensure_home(log)
    ensure_settings(site, english)
    ensure_public_pages(home, log)
    ensure_admin(log)
    return home


def demo_logins():
    spec = content.DEMO_ADMIN
    return [("Editor (superuser), admin at /admin/", spec["username"], spec["password"])]
