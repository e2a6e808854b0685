"""Creates the benchmark's Plone site with many News Items, committing every 500.

Run inside the Plone virtualenv (the instance must not be running, ZODB is locked):
``zconsole run etc/zope.conf plone_bulk_news.py``; ``ENKANAL_BENCH_SITE`` (default
``Bench``) and ``ENKANAL_BENCH_ITEMS`` (default 10000) say where and how many.
Idempotent: items that exist are kept, so a second call only tops up.
"""

import os
import random
from datetime import datetime, timedelta

import transaction
from AccessControl.SecurityManagement import newSecurityManager
from DateTime import DateTime
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContent
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.event import notify
from zope.lifecycleevent import ObjectCreatedEvent

SITE_ID = os.environ.get("ENKANAL_BENCH_SITE", "Bench")
ITEMS = int(os.environ.get("ENKANAL_BENCH_ITEMS", "10000"))
WORDS = [
    *("kommunen", "skolan", "förskolan", "biblioteket", "simhallen", "vägarbete", "budget"),
    *("fullmäktige", "nämnden", "parken", "återvinning", "kollektivtrafik", "bygglov"),
    *("äldreomsorg", "kultur", "idrott"),
]


def build(app):
    user_name = os.environ.get("ENKANAL_PLONE_USER", "admin")
    if app.acl_users.getUserById(user_name) is None:
        app.acl_users._doAddUser(user_name, os.environ["ENKANAL_PLONE_PASSWORD"], ["Manager"], [])
    user = app.acl_users.getUserById(user_name)
    newSecurityManager(None, user.__of__(app.acl_users))
    if SITE_ID not in app.objectIds():
        addPloneSite(
            app,
            SITE_ID,
            title="Benchmark",
            extension_ids=["plone.app.contenttypes:default", "plone.restapi:default"],
            setup_content=False,
            default_language="sv",
        )
        transaction.commit()
    site = app[SITE_ID]
    setSite(site)
    workflow = site.portal_workflow
    if "nyheter" not in site.objectIds():
        site.invokeFactory("Folder", "nyheter", title="Nyheter")
        workflow.doActionFor(site["nyheter"], "publish")
    folder = site["nyheter"]
    rng = random.Random(14)
    existing = set(folder.objectIds())
    start = datetime(2012, 1, 1, 9, 0)
    created = 0
    for n in range(ITEMS):
        item_id = f"nyhet-{n:05d}"
        if item_id in existing:
            continue
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        effective = DateTime(start + timedelta(hours=7 * n))
        obj = createContent(
            "News Item",
            id=item_id,
            title=title,
            description=f"{title}. Mer information finns på kommunens webbplats.",
            text=RichTextValue(
                "".join(
                    f"<p>{' '.join(rng.choice(WORDS) for _ in range(40))}.</p>" for _ in range(4)
                ),
                "text/html",
                "text/x-html-safe",
            ),
            subject=(rng.choice(WORDS).capitalize(),),
        )
        notify(ObjectCreatedEvent(obj))  # gives it its UID
        # Without events the item is catalogued once, below, instead of three times.
        folder._setObject(item_id, obj, suppress_events=True)
        obj = folder[item_id]
        obj.setEffectiveDate(effective)
        obj.creation_date = effective - 1
        obj.setModificationDate(effective)
        chain = workflow.getWorkflowsFor(obj)
        if chain:
            workflow.setStatusOf(
                chain[0].getId(),
                obj,
                {
                    "action": "publish",
                    "review_state": "published",
                    "actor": user_name,
                    "comments": "",
                    "time": effective,
                },
            )
            chain[0].updateRoleMappingsFor(obj)
        obj.indexObject()
        created += 1
        if created % 500 == 0:
            transaction.commit()
            print(f"{created} News Items created")
    transaction.commit()
    print(f"site {SITE_ID}: {len(folder.objectIds())} News Items ({created} new)")


build(makerequest(app))  # noqa: F821 (zconsole provides ``app``)
