"""URLs of the site this process serves (``ENKANAL_SITE``): the public site or the intranet.

Section pages have fixed paths per language; everything else is an item, fetched by
its path from the API (GOV.UK style: fetch by path, pick a template by type).
"""

from functools import partial

from django.conf import settings
from django.urls import path, re_path

from .sections import SECTIONS
from .views import errors, forms, pages, public, sitemaps, theme

handler404 = errors.not_found
handler500 = errors.server_error


def public_patterns():
    """Both languages' section pages, then the catch-all item route."""
    from .views import prints

    # An item as PDF, the same address in both languages (the item has one language).
    patterns = [path("pdf/<int:item_id>/", prints.item_pdf, name="item-pdf")]
    for language, slugs in SECTIONS.items():
        prefix = "" if language == "sv" else f"{language}/"
        patterns += [
            path(prefix, public.home, name=f"home-{language}"),
            path(f"{prefix}{slugs['news']}/", public.news_list, name=f"news-{language}"),
            path(
                f"{prefix}{slugs['notices']}/",
                public.notice_board,
                name=f"notices-{language}",
            ),
            path(
                f"{prefix}{slugs['notices']}/{slugs['archive']}/",
                partial(public.notice_board, archive=True),
                name=f"notice-archive-{language}",
            ),
            path(f"{prefix}{slugs['press']}/", public.press_room, name=f"press-{language}"),
            path(
                f"{prefix}{slugs['accessibility']}/",
                forms.accessibility,
                name=f"accessibility-{language}",
            ),
            path(f"{prefix}{slugs['feedback']}/", forms.feedback_form, name=f"feedback-{language}"),
            *(
                path(
                    f"{prefix}{slugs[key]}/",
                    partial(pages.info_page, page=key),
                    name=f"{key}-{language}",
                )
                for key in pages.PAGES
            ),
        ]
        for section in ("news", "notices", "press"):
            for kind in ("rss", "atom"):
                patterns.append(
                    path(
                        f"{prefix}{slugs[section]}/{kind}.xml",
                        partial(public.feed, section=section, kind=kind),
                        name=f"feed-{section}-{kind}-{language}",
                    )
                )
    return patterns


def intranet_patterns():
    """Login, the intranet's sections and the workplace screens."""
    from .views import intranet, oidc, prints, screen
    from .views.oidc import login_required

    return [
        path("", intranet.home, name="home"),
        path("logga-in/", oidc.login, name="login"),
        path("oidc/callback/", oidc.callback, name="oidc-callback"),
        path("logga-ut/", oidc.logout, name="logout"),
        path("inblick/", intranet.bulletins, name="bulletins"),
        path("inblick/<int:year>/<int:number>/", intranet.edition, name="edition"),
        path(
            "inblick/<int:year>/<int:number>/pdf/",
            login_required(prints.edition_pdf),
            name="edition-pdf",
        ),
        path("pdf/<int:item_id>/", login_required(prints.item_pdf), name="item-pdf"),
        path("nyheter/", intranet.news, name="news"),
        path("anslagstavla/", intranet.notices, name="notices"),
        path("tipsa/", intranet.news_tip, name="news-tip"),
        path("bekrafta/<int:item_id>/", intranet.confirm_reading, name="confirm-reading"),
        path("skarm/", screen.screen, name="screen"),
    ]


def search_patterns():
    from .views import search

    if settings.SITE == "intranet":
        from .views.oidc import login_required

        return [
            path("sok/", login_required(search.search), name="search"),
            path("sok/forslag/", login_required(search.suggest), name="suggest"),
        ]
    patterns = []
    for language, slugs in SECTIONS.items():
        prefix = "" if language == "sv" else f"{language}/"
        patterns += [
            path(f"{prefix}{slugs['search']}/", search.search, name=f"search-{language}"),
            path(f"{prefix}{slugs['search']}/forslag/", search.suggest, name=f"suggest-{language}"),
        ]
    return patterns


def mail_patterns():
    from .views import mail

    patterns = []
    for language, slugs in SECTIONS.items():
        prefix = f"{'' if language == 'sv' else language + '/'}{slugs['subscribe']}/"
        steps = mail.STEPS[language]
        patterns += [
            path(prefix, mail.subscribe, name=f"subscribe-{language}"),
            path(f"{prefix}{steps['confirm']}/", mail.confirm, name=f"confirm-{language}"),
            path(
                f"{prefix}{steps['preferences']}/", mail.preferences, name=f"preferences-{language}"
            ),
            path(
                f"{prefix}{steps['unsubscribe']}/", mail.unsubscribe, name=f"unsubscribe-{language}"
            ),
        ]
    # The CMS's own link paths, for when ENKANAL_MAIL_LINK_BASE_URL points at this site.
    patterns += [
        path("e-post/bekrafta/<str:token>/", mail.confirm, name="mail-confirm"),
        path("e-post/installningar/<str:token>/", mail.preferences, name="mail-preferences"),
        path("e-post/avregistrera/<str:token>/", mail.unsubscribe, name="mail-unsubscribe"),
    ]
    return patterns


def sitemap_patterns():
    """``/sitemap.xml`` (or its index) and its numbered files; public site only."""
    return [
        path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
        path("sitemap-<int:number>.xml", sitemaps.sitemap_page, name="sitemap-page"),
    ]


# The CMS sends editors here (its ENKANAL_API_PREVIEW_PATH) with a signed preview token.
urlpatterns = [
    path("forhandsgranska/", public.preview, name="preview"),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("tema.css", theme.theme, name="theme"),
]
if settings.SITE == "intranet":
    urlpatterns += intranet_patterns() + search_patterns()
else:
    urlpatterns += public_patterns() + search_patterns() + mail_patterns() + sitemap_patterns()


# Everything else is an item path such as /nyheter/ny-skola/ (always with a trailing slash).
def _item_view():
    if settings.SITE == "intranet":
        from .views.oidc import login_required

        return login_required(public.item_page)
    return public.item_page


urlpatterns.append(re_path(r"^(?P<path>[^?#]+/)$", _item_view(), name="item"))
