"""Load the declared demo municipality (``cms.demo.content``) idempotently.

Each ``ensure_*`` function looks things up by their natural key and creates only
what is missing; nothing that exists is changed, re-saved or re-published. Pages are
published through revisions, as an editor would, so they carry revisions and logs.
"""

import datetime
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from cms.core.models import MunicipalitySettings
from cms.demo import content
from cms.demo.images import LOGO_SVG, ensure_image
from cms.pages import models as page_models
from cms.snippets.models import Audience, Person, ServiceShortcut, Topic, Unit

#: The intranet frontend's OIDC client id (its ENKANAL_OIDC_CLIENT_ID).
INTRANET_CLIENT_ID = "enkanal-intranet"
#: Shown instead of a password for users whose password was left as it was.
UNCHANGED = "oförändrat"
#: Logged on every demo item published without a workflow (see ``_system_publish``).
SYSTEM_PUBLISH_REASON = "Demoinnehåll (load_demo_content)"


def _system_publish():
    """Let the loader publish demo items without approvals, logged by the publish guard.

    The demo items are fixtures, not editorial work: running each through the unit
    manager's approval and the communicator's review would need the workflow engine at
    load time.
    """
    from cms.workflows.guard import system_publish

    return system_publish(SYSTEM_PUBLISH_REASON)


@dataclass
class LoadReport:
    """What a load created; the command prints it."""

    created: dict[str, int] = field(default_factory=dict)
    passwords: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, kind: str, n: int = 1):
        """Count ``n`` created things of ``kind``."""
        self.created[kind] = self.created.get(kind, 0) + n


def locale(code: str) -> Locale:
    """The Wagtail locale for ``code`` (created after migrate by ``sync_locales``)."""
    return Locale.objects.get_or_create(language_code=code)[0]


# --- site and index pages -------------------------------------------------------------


def _is_wagtail_welcome_page(page: Page) -> bool:
    """Wagtail's initial "Welcome to your new Wagtail site!" page, untouched."""
    return (
        page.depth == 2
        and page.slug == "home"
        and page.content_type == ContentType.objects.get_for_model(Page)
        and page.numchild == 0
    )


def ensure_site(report: LoadReport) -> page_models.HomePage:
    """The Swedish home page as the default site's root, replacing Wagtail's welcome page."""
    sv = locale("sv")
    home = page_models.HomePage.objects.filter(locale=sv, depth=2).first()
    root = Page.get_first_root_node()
    if home is None:
        data = content.HOME["sv"]
        home = page_models.HomePage(title=data["title"], slug=data["slug"], intro=data["intro"])
        home.locale = sv
        root.add_child(instance=home)
        _publish(home, None)
        report.count("sidor")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=content.SITE_HOSTNAME,
            port=content.SITE_PORT,
            root_page=home,
            is_default_site=True,
            site_name=content.MUNICIPALITY,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = content.MUNICIPALITY
        site.save()
    # Deleted only after the site points elsewhere: Site.root_page cascades.
    for page in Page.objects.filter(depth=2).exclude(pk=home.pk):
        if _is_wagtail_welcome_page(page) and not Site.objects.filter(root_page=page).exists():
            page.delete()
    return page_models.HomePage.objects.get(pk=home.pk)


def ensure_index_pages(home: page_models.HomePage, report: LoadReport) -> dict[str, Page]:
    """The four index pages under the Swedish home page, keyed as in ``INDEX_PAGES``."""
    pages = {}
    for key, spec in content.INDEX_PAGES.items():
        model = getattr(page_models, spec["model"])
        data = spec["sv"]
        page = model.objects.child_of(home).filter(slug=data["slug"]).first()
        if page is None:
            page = model(title=data["title"], slug=data["slug"], intro=data["intro"])
            page.locale = home.locale
            home.add_child(instance=page)
            _publish(page, None)
            report.count("sidor")
        pages[key] = page
    return pages


def ensure_english_tree(home, index_pages, report: LoadReport) -> dict[str, Page]:
    """English home and index pages, as translations of the Swedish ones."""
    en = locale("en")
    home_en = _ensure_translation(home, en, content.HOME["en"], report)
    pages = {"home": home_en}
    for key, page in index_pages.items():
        pages[key] = _ensure_translation(page, en, content.INDEX_PAGES[key]["en"], report)
    return pages


def _ensure_translation(page, target_locale, data: dict, report: LoadReport, user=None):
    """A published translation of ``page`` with ``data``'s fields, unless one exists."""
    existing = page.get_translation_or_none(target_locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(target_locale).specific
    for name, value in data.items():
        setattr(translation, name, value)
    if "title" in data:
        translation.draft_title = data["title"]
    _publish(translation, user)
    report.count("översättningar")
    return translation


def _publish(page, user):
    """Publish ``page`` through a new revision, logging it as the editor would."""
    page.save_revision(user=user, log_action=True).publish(user=user)


# --- organisation, vocabularies, settings ---------------------------------------------


def ensure_units(report: LoadReport) -> dict[str, Unit]:
    """The unit tree, keyed by name (names are unique in the demo)."""
    units: dict[str, Unit] = {}

    def walk(specs, parent):
        for name, short_name, level, email, children in specs:
            unit, created = Unit.objects.get_or_create(
                name=name,
                parent=parent,
                defaults={"short_name": short_name, "level": level, "contact_email": email},
            )
            if created:
                report.count("enheter")
            units[name] = unit
            walk(children, unit)

    walk(content.UNITS, None)
    return units


def ensure_topics(report: LoadReport) -> dict[str, Topic]:
    """The topics, keyed by slug."""
    topics = {}
    for slug, name, name_en, description in content.TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "description": description}
        )
        if created:
            report.count("ämnen")
        topics[slug] = topic
    return topics


def ensure_people(units: dict[str, Unit], report: LoadReport) -> dict[str, Person]:
    """Contact people and media contacts, keyed by name."""
    people = {}
    for spec in content.PEOPLE:
        defaults = {k: v for k, v in spec.items() if k not in ("name", "unit")}
        person, created = Person.objects.get_or_create(
            name=spec["name"], defaults={**defaults, "unit": units.get(spec["unit"])}
        )
        if created:
            report.count("personer")
        people[spec["name"]] = person
    return people


def ensure_settings(report: LoadReport) -> MunicipalitySettings:
    """Fill the municipality's standing texts where they are still empty."""
    site_settings = MunicipalitySettings.load()
    changed = []
    for name, value in content.MUNICIPALITY_SETTINGS.items():
        current = getattr(site_settings, name)
        # The model's own default name counts as empty only if it equals ours anyway.
        if not current:
            setattr(site_settings, name, value)
            changed.append(name)
    if changed:
        site_settings.save(update_fields=changed)
        report.count("inställningar", len(changed))
    return site_settings


def ensure_identity(report: LoadReport) -> MunicipalitySettings:
    """The logo, contact details, opening hours and social media, where still empty."""
    site_settings = MunicipalitySettings.load()
    changed = []
    if site_settings.logo_id is None:
        site_settings.logo, _created = ensure_image({**content.LOGO, "svg": LOGO_SVG})
        changed.append("logo")
    for name, value in content.IDENTITY.items():
        if getattr(site_settings, name):
            continue
        if name == "opening_hours":
            value = [{"type": "row", "value": row} for row in value]
        elif name == "social_links":
            value = [{"type": "link", "value": link} for link in value]
        setattr(site_settings, name, value)
        changed.append(name)
    if changed:
        site_settings.save(update_fields=changed)
        report.count("identitet", len(changed))
    return site_settings


def ensure_shortcuts(report: LoadReport) -> None:
    """The start page's service shortcuts, when there are none yet."""
    if ServiceShortcut.objects.exists():
        return
    for order, spec in enumerate(content.SERVICE_SHORTCUTS):
        ServiceShortcut.objects.create(sort_order=order, **spec)
        report.count("genvägar")


def ensure_important_message(report: LoadReport) -> None:
    """A draft important message (never published by the loader: that takes a reason)."""
    from cms.workflows.models import ImportantMessage

    if not ImportantMessage.objects.exists():
        ImportantMessage.objects.create(**content.IMPORTANT_MESSAGE)
        report.count("viktiga meddelanden (utkast)")


# --- users ------------------------------------------------------------------------------


def demo_password() -> str:
    """The password from ENKANAL_DEMO_PASSWORD, or a new random one."""
    return getattr(settings, "ENKANAL_DEMO_PASSWORD", "") or secrets.token_urlsafe(12)


def ensure_users(units: dict[str, Unit], report: LoadReport, reset_passwords=False):
    """One user per role, in its group and units; passwords only for new users.

    With ``reset_passwords`` existing users get the demo password too. Returns the users
    keyed by username.
    """
    User = get_user_model()
    password = demo_password()
    users = {}
    for spec in content.USERS:
        user = User.objects.filter(username=spec["username"]).first()
        shown = UNCHANGED
        if user is None:
            user = User(
                username=spec["username"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                email=f"{spec['username']}@{content.EMAIL_DOMAIN}",
                is_staff=spec.get("is_staff", False),
                is_superuser=False,
            )
            user.set_password(password)
            user.save()
            report.count("användare")
            shown = password
        elif reset_passwords:
            user.set_password(password)
            user.save(update_fields=["password"])
            shown = password
        # add() is idempotent: an existing membership is left as it is.
        user.groups.add(Group.objects.get(name=spec["role"]))
        for name in spec["member_of"]:
            units[name].members.add(user)
        for name in spec["manages"]:
            units[name].managers.add(user)
        report.passwords.append((user.username, spec["role"], shown))
        users[user.username] = user
    return users


# --- articles ---------------------------------------------------------------------------


def ensure_images(report: LoadReport) -> dict:
    """The demo images, keyed as in ``content.IMAGES``."""
    images = {}
    for key, spec in content.IMAGES.items():
        images[key], created = ensure_image(spec)
        if created:
            report.count("bilder")
    return images


def stream_data(blocks, people: dict[str, Person], images: dict | None = None) -> list[dict]:
    """StreamField raw data for the declarative ``(type, value)`` body blocks."""
    data = []
    for block_type, value in blocks:
        if block_type == "heading":
            value = {"text": value, "level": "h2"}
        elif block_type == "quote":
            value = {"quote": value[0], "attribution": value[1]}
        elif block_type == "fact_box":
            value = {"title": value[0], "text": value[1]}
        elif block_type == "contact":
            value = {"person": people[value].pk}
        elif block_type == "image":
            value = {"image": images[value[0]].pk, "alt_text": "", "caption": value[1]}
        data.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})
    return data


def _type_fields(spec: dict, today: datetime.date, now: datetime.datetime) -> dict:
    """Fields specific to notices and press releases, from relative dates."""
    fields = {}
    if "notice" in spec:
        notice = dict(spec["notice"])
        meeting_in = notice.pop("meeting_in_days", None)
        meeting_hour = notice.pop("meeting_hour", 18)
        adjusted_ago = notice.pop("adjusted_days_ago", None)
        fields.update(notice)
        removal = today + datetime.timedelta(days=settings.ENKANAL_MINUTES_MIN_POSTING_DAYS)
        if meeting_in is not None:
            day = today + datetime.timedelta(days=meeting_in)
            fields["meeting_date"] = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(meeting_hour))
            )
            removal = day
        if adjusted_ago is not None:
            fields["adjustment_date"] = today - datetime.timedelta(days=adjusted_ago)
        fields["earliest_removal_date"] = removal
    if "must_read" in spec:
        fields["must_read"] = spec["must_read"]
        fields["reminder_days"] = spec.get("reminder_days")
    if "press" in spec:
        press = spec["press"]
        fields["kind"] = press["kind"]
        if "event_in_days" in press:
            day = today + datetime.timedelta(days=press["event_in_days"])
            start = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(press["event_hour"]))
            )
            fields["event_start"] = start
            fields["event_end"] = start + datetime.timedelta(hours=press["event_hours"])
            fields["event_location"] = press["event_location"]
    return fields


def ensure_articles(index_pages, units, topics, people, users, report: LoadReport, images=None):
    """The demo items, published through revisions, with explicit release plans."""
    images = images or {}
    publisher = users.get(content.PUBLISHER)
    today = timezone.localdate()
    now = timezone.now()
    audiences = {a.code: a for a in Audience.objects.all()}
    created = {}
    for spec in content.ARTICLES:
        parent = index_pages[spec["index"]]
        model = getattr(page_models, spec["model"])
        page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
        if page is None:
            codes = spec.get("audiences") or sorted(
                model.fixed_audience_codes or model.mandatory_audience_codes
            )
            page = model(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                body=stream_data(spec["body"], people, images),
                main_image=images.get(spec.get("main_image")),
                owner_unit=units[spec["owner_unit"]],
                owner=publisher,
                audiences=[audiences[code] for code in codes],
                topics=[topics[slug] for slug in spec.get("topics", [])],
                **_type_fields(spec, today, now),
            )
            if "target_units" in spec:
                page.target_units = [units[name] for name in spec["target_units"]]
            if "press" in spec:
                page.media_contacts = [people[name] for name in spec["press"]["media_contacts"]]
            page.locale = parent.locale
            parent.add_child(instance=page)
            log(instance=page, action="wagtail.create", user=publisher)
            _publish(page, publisher)
            set_release_plan(page)
            report.count("artiklar")
        created[spec["slug"]] = page
    return created


def set_release_plan(page):
    """Released at publication: internally always, externally unless staff-only.

    Updated with ``update()`` so that no validation or signal runs again: the demo
    items are simply released already.
    """
    page = page_models.ArticlePage.objects.get(pk=page.pk)
    published = page.first_published_at
    external = published if page.is_external else None
    page_models.ArticlePage.objects.filter(pk=page.pk).update(
        internal_release_at=published, external_release_at=external
    )


def ensure_article_translations(articles, people, users, report: LoadReport, images=None):
    """English translations of the items that declare one."""
    en = locale("en")
    publisher = users.get(content.PUBLISHER)
    for spec in content.ARTICLES:
        if "en" not in spec:
            continue
        source = articles[spec["slug"]]
        if source.get_translation_or_none(en) is not None:
            continue
        data = dict(spec["en"])
        data["body"] = stream_data(data["body"], people, images)
        translation = _ensure_translation(source, en, data, report, user=publisher)
        set_release_plan(translation)


# --- everything -------------------------------------------------------------------------


def load_demo_content(reset_passwords: bool = False) -> LoadReport:
    """Create whatever of the demo municipality is missing; return what was done."""
    report = LoadReport()
    units, topics, home, index_pages = ensure_structure(report)
    ensure_english_tree(home, index_pages, report)
    people = ensure_people(units, report)
    ensure_settings(report)
    ensure_identity(report)
    ensure_shortcuts(report)
    ensure_important_message(report)
    users = ensure_users(units, report, reset_passwords=reset_passwords)
    images = ensure_images(report)
    ensure_intranet_client(report)
    with _system_publish():
        articles = ensure_articles(index_pages, units, topics, people, users, report, images)
        ensure_article_translations(articles, people, users, report, images)
        ensure_edition(index_pages, articles, units, users, report)
    ensure_press_page(articles, report)
    return report


# --- print channels ---------------------------------------------------------------------


def ensure_edition(index_pages, articles, units, users, report: LoadReport):
    """INblick no. 1 of this year under the INblick section, published, unless there is one.

    Published like the demo items (``system_publish``); its one staff e-mail goes
    through the outbox as a real edition's would.
    """
    from cms.channels.models import Edition, EditionEntry

    spec = content.EDITION
    parent = index_pages["bulletins"]
    year = timezone.localdate().year
    if Edition.objects.filter(number=spec["number"], issue_date__year=year).exists():
        return None
    publisher = users.get(content.PUBLISHER)
    edition = Edition(
        title=f"INblick nr {spec['number']} {year}",
        slug=f"inblick-{year}-{spec['number']}",
        number=spec["number"],
        owner_unit=units[spec["owner_unit"]],
        foreword=spec["foreword"],
        foreword_by=spec["foreword_by"],
        owner=publisher,
        audiences=list(Audience.objects.filter(code="staff")),
    )
    edition.entries = [EditionEntry(item=articles[slug]) for slug in spec["items"]]
    edition.locale = parent.locale
    parent.add_child(instance=edition)
    log(instance=edition, action="wagtail.create", user=publisher)
    _publish(edition, publisher)
    report.count("INblick-utgåvor")
    return edition


def ensure_press_page(articles, report: LoadReport):
    """The newspaper formats and this week's "Kommunen informerar", unless there is one."""
    from cms.channels.models import LocalPressPage, NewspaperFormat, PressPageEntry
    from cms.channels.models.press import default_publication_date

    formats = {}
    for spec in content.NEWSPAPER_FORMATS:
        newspaper_format, created = NewspaperFormat.objects.get_or_create(
            name=spec["name"], space=spec["space"], defaults={"newspaper": spec["newspaper"]}
        )
        formats[(spec["name"], spec["space"])] = newspaper_format
        if created:
            report.count("tidningsformat")
    spec = content.PRESS_PAGE
    publication_date = default_publication_date()
    if LocalPressPage.objects.filter(publication_date=publication_date).exists():
        return None
    press_page = LocalPressPage(
        newspaper_format=formats[spec["format"]],
        publication_date=publication_date,
        intro=spec["intro"],
    )
    press_page.entries = [
        PressPageEntry(item=articles[slug], full_text=full_text)
        for slug, full_text in spec["items"]
    ]
    press_page.save()
    report.count("lokalpressidor")
    return press_page


def ensure_intranet_client(report: LoadReport):
    """Register the intranet as a public OIDC client (PKCE) of the embedded provider.

    The intranet frontend logs staff in against the CMS with the authorization-code
    flow; its callback is on ``ENKANAL_INTRANET_URL``.
    """
    from oauth2_provider.models import get_application_model

    intranet = settings.ENKANAL_INTRANET_URL.rstrip("/")
    redirect_uri = intranet + "/oidc/callback/"
    # Where "Logga ut" returns after the CMS session has ended too.
    logout_uri = intranet + "/logga-in/"
    application, created = get_application_model().objects.get_or_create(
        client_id=INTRANET_CLIENT_ID,
        defaults={
            "name": "Intranätet",
            "client_type": "public",
            "authorization_grant_type": "authorization-code",
            "redirect_uris": redirect_uri,
            "post_logout_redirect_uris": logout_uri,
            "skip_authorization": True,
            "algorithm": "RS256",
        },
    )
    if created:
        report.count("OIDC-klient")
    elif (redirect_uri, logout_uri) != (
        application.redirect_uris,
        application.post_logout_redirect_uris,
    ):
        application.redirect_uris = redirect_uri
        application.post_logout_redirect_uris = logout_uri
        application.save(update_fields=["redirect_uris", "post_logout_redirect_uris", "updated"])


def ensure_structure(report: LoadReport | None = None):
    """Units, topics, the site and its index pages: what bulk content needs."""
    report = report or LoadReport()
    units = ensure_units(report)
    topics = ensure_topics(report)
    home = ensure_site(report)
    index_pages = ensure_index_pages(home, report)
    return units, topics, home, index_pages
