"""Creates the test Plone site with Swedish content of every kind the import maps.

Run inside the Plone virtualenv: ``zconsole run etc/zope.conf create_site.py``; the site's
id comes from ``ENKANAL_PLONE_SITE_ID`` (default ``Plone``).
Idempotent: an existing site is kept and only the items it lacks are added, so a second
setup is quick and a site built by an older version of this script is topped up.
"""

import os
from datetime import datetime, timedelta

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from DateTime import DateTime
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile, NamedBlobImage
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

SITE_ID = os.environ.get("ENKANAL_PLONE_SITE_ID", "Plone")


def png(width=4, height=3):
    """A small real PNG (Pillow comes with Plone)."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (0, 102, 153)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = png()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def when(years=0, days=0):
    """A Zope DateTime so many years and days back."""
    return DateTime(datetime(2026, 6, 1, 9, 0) - timedelta(days=365 * years + days))


def make(container, type_, id_, title, *, state="publish", **fields):
    """Create one item (if missing) and move it to its review state."""
    if id_ in container.objectIds():
        return container[id_]
    obj = api.content.create(container=container, type=type_, id=id_, title=title, **fields)
    if state:
        api.content.transition(obj=obj, transition=state)
    # Historical dates, as a real archive has them (created = a day before effective).
    effective = fields.get("effective_date") or when(years=8)
    obj.creation_date = effective - 1
    obj.setModificationDate(effective)
    obj.reindexObject(idxs=["created", "modified", "effective", "expires", "review_state"])
    return obj


def html(text):
    return RichTextValue(text, "text/html", "text/x-html-safe")


def build(app):
    user_name = os.environ.get("ENKANAL_PLONE_USER", "admin")
    if app.acl_users.getUserById(user_name) is None:
        # mkwsgiinstance's inituser is used once; a rebuilt database needs the user again.
        app.acl_users._doAddUser(user_name, os.environ["ENKANAL_PLONE_PASSWORD"], ["Manager"], [])
    admin = app.acl_users.getUserById(user_name)
    newSecurityManager(None, admin.__of__(app.acl_users))
    if SITE_ID in app.objectIds():
        print(f"site {SITE_ID} exists: adding what it lacks")
        site = app[SITE_ID]
        setSite(site)
    else:
        site = create(app)
    content(site)
    transaction.commit()
    print(f"site {SITE_ID} ready")


def create(app):
    """The multilingual site (Swedish and English root folders), empty."""
    site = addPloneSite(
        app,
        SITE_ID,
        title="Exempelkommun",
        extension_ids=[
            "plone.app.contenttypes:default",
            "plone.restapi:default",
            "plone.app.multilingual:default",
        ],
        setup_content=False,
        default_language="sv",
    )
    setSite(site)
    api.portal.set_registry_record("plone.available_languages", ["sv", "en"])
    from plone.app.multilingual.browser.setup import SetupMultilingualSite

    SetupMultilingualSite().setupSite(site)
    transaction.commit()
    return site


def content(site):
    """Every test item (each created only when missing)."""
    sv, en = site["sv"], site["en"]

    nyheter = make(sv, "Folder", "nyheter", "Nyheter")
    y2019 = make(nyheter, "Folder", "2019", "2019")
    y2023 = make(nyheter, "Folder", "2023", "2023")
    bild = make(
        sv,
        "Image",
        "skolgard.png",
        "Skolgården i Norrby",
        description="Barn leker på den nya skolgården",
        image=NamedBlobImage(data=PNG, filename="skolgard.png", contentType="image/png"),
        state=None,
    )
    utan_alt = make(
        sv,
        "Image",
        "utan-beskrivning.png",
        "",
        image=NamedBlobImage(data=PNG, filename="utan-beskrivning.png", contentType="image/png"),
        state=None,
    )
    del utan_alt
    fil = make(
        sv,
        "File",
        "taxa-2023.pdf",
        "Taxa för barnomsorg 2023",
        description="Avgifter för förskola och fritidshem",
        file=NamedBlobFile(data=PDF, filename="taxa-2023.pdf", contentType="application/pdf"),
        state=None,
    )
    ny_skola = make(
        y2019,
        "News Item",
        "ny-skola",
        "Ny skola i Norrby",
        description="Kommunen bygger en ny F–6-skola i Norrby. Den står klar 2021.",
        text=html(
            "<p>Bygget börjar i höst.</p>"
            f'<p><img src="resolveuid/{bild.UID()}/@@images/image/preview" alt="Skolgården"/></p>'
            f'<p>Läs om <a href="resolveuid/{fil.UID()}">taxan</a> och '
            '<a href="../2023/simhall">simhallen</a>.</p>'
        ),
        subject=("Skola", "Norrby"),
        effective_date=when(years=7),
    )
    simhall = make(
        y2023,
        "News Item",
        "simhall",
        "Simhallen öppnar igen",
        description="Efter renoveringen öppnar simhallen den 1 mars.",
        text=html(f'<p>Se även <a href="resolveuid/{ny_skola.UID()}">den nya skolan</a>.</p>'),
        subject=("Fritid",),
        effective_date=when(years=3),
    )
    make(
        y2023,
        "News Item",
        "utkast",
        "Utkast om budgeten",
        description="Ett privat utkast.",
        text=html("<p>Ej klart.</p>"),
        state=None,
    )
    make(
        y2023,
        "News Item",
        "granskas",
        "Väntar på granskning",
        description="Inskickad men inte publicerad.",
        text=html("<p>Väntar.</p>"),
        state="submit",
    )
    make(
        y2023,
        "News Item",
        "gammal-kampanj",
        "Sommarkampanj 2023",
        description="Kampanjen är avslutad.",
        text=html("<p>Slut.</p>"),
        effective_date=when(years=3),
        expiration_date=when(years=2),
    )
    make(
        nyheter,
        "Event",
        "vardag",
        "Vårdagjämning i parken",
        description="Öppen dag i stadsparken.",
        start=datetime(2026, 3, 20, 10, 0),
        end=datetime(2026, 3, 20, 14, 0),
        location="Stadsparken",
        effective_date=when(days=100),
    )
    make(
        sv,
        "Collection",
        "alla-nyheter",
        "Alla nyheter",
        query=[
            {
                "i": "portal_type",
                "o": "plone.app.querystring.operation.selection.any",
                "v": ["News Item"],
            }
        ],
    )

    anslag = make(sv, "Folder", "anslagstavla", "Anslagstavla")
    make(
        anslag,
        "Document",
        "kungorelse-kf-2024-03",
        "Kungörelse: kommunfullmäktige 18 mars",
        description="Kommunfullmäktige sammanträder i stadshuset.",
        text=html("<p>Sammanträdet är öppet för allmänheten.</p>"),
        effective_date=when(years=2, days=80),
        expiration_date=when(years=2, days=50),
    )
    make(
        anslag,
        "Event",
        "kf-2024-04-22",
        "Kungörelse: kommunfullmäktige sammanträder 22 april",
        description="Sammanträdet är öppet för allmänheten.",
        start=datetime(2024, 4, 22, 18, 0),
        end=datetime(2024, 4, 22, 21, 0),
        location="Stadshuset, fullmäktigesalen",
        effective_date=DateTime("2024/04/08 09:00:00 GMT+2"),
        expiration_date=DateTime("2024/04/23 09:00:00 GMT+2"),
    )
    protokoll = make(anslag, "Folder", "protokoll", "Protokoll")
    make(
        protokoll,
        "Document",
        "ks-2024-02-12",
        "Justerat protokoll kommunstyrelsen 12 februari",
        description="Protokollet är justerat och anslaget.",
        text=html("<p>Protokollet finns i kommunhuset.</p>"),
        effective_date=when(years=2, days=100),
    )

    press = make(sv, "Folder", "press", "Press")
    make(
        press,
        "Document",
        "budget-2025",
        "Pressmeddelande: budget 2025",
        description="Kommunstyrelsen föreslår en budget i balans.",
        text=html("<p>Budgeten presenteras i dag.</p>"),
        subject=("Budget",),
        effective_date=when(years=1),
    )
    make(
        press,
        "Event",
        "presstraff-budget",
        "Presskonferens om budgeten",
        description="Välkommen till presskonferens.",
        start=datetime(2025, 10, 1, 10, 0),
        end=datetime(2025, 10, 1, 11, 0),
        location="Stadshuset, sal A",
        effective_date=when(years=1, days=5),
    )
    intranat = make(sv, "Folder", "intranat", "Intranät")
    make(
        intranat,
        "News Item",
        "personalfest",
        "Personalfest i december",
        description="Alla medarbetare är välkomna.",
        text=html("<p>Anmäl dig senast 1 december.</p>"),
        effective_date=when(days=400),
    )
    make(sv, "Document", "om-kommunen", "Om kommunen", text=html("<p>Välkommen.</p>"))
    # Links: to another site, to an item of this one, and one never published.
    make(sv, "Link", "skolverket", "Skolverket", remoteUrl="https://www.skolverket.se/")
    make(
        sv,
        "Link",
        "om-simhallen",
        "Om simhallen",
        remoteUrl=f"${{portal_url}}/resolveuid/{simhall.UID()}",
    )
    make(sv, "Link", "gammal-lank", "Gammal länk", remoteUrl="https://www.example.org/", state=None)

    nyheter_en = make(en, "Folder", "news", "News")
    translated_sv = make(
        y2023,
        "News Item",
        "ny-bibliotek",
        "Nytt bibliotek i centrum",
        description="Biblioteket flyttar till torget.",
        text=html("<p>Öppnar i maj.</p>"),
        subject=("Kultur",),
        language="sv",
        effective_date=when(years=2),
    )
    translated_en = make(
        nyheter_en,
        "News Item",
        "new-library",
        "New library in the centre",
        description="The library moves to the square.",
        text=html("<p>Opens in May.</p>"),
        language="en",
        effective_date=when(years=2),
    )
    from plone.app.multilingual.interfaces import ITranslationManager

    manager = ITranslationManager(translated_sv)
    if not manager.has_translation("en"):
        manager.register_translation("en", translated_en)
        translated_en.reindexObject()
        translated_sv.reindexObject()


build(makerequest(app))  # noqa: F821 (zconsole provides ``app``)
