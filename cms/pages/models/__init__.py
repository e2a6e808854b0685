"""Page types, one module per domain, re-exported here."""

from .base import ArticlePage, IndexPage
from .bulletins import MustReadConfirmation, StaffBulletinIndexPage, StaffBulletinPage
from .home import HomePage
from .news import NewsIndexPage, NewsPage
from .notices import NoticeBoardPage, NoticeKind, NoticePage
from .press import PressReleaseAttachment, PressReleaseKind, PressReleasePage, PressRoomPage

#: The concrete article types, in the order the admin and the API list them.
ARTICLE_PAGE_MODELS: tuple[type[ArticlePage], ...] = (
    NewsPage,
    NoticePage,
    PressReleasePage,
    StaffBulletinPage,
)

#: Type codes of the article types, as the delivery API and search name them
#: (``?type=news``), in the order they are documented.
ITEM_TYPES: dict[str, type[ArticlePage]] = {
    "news": NewsPage,
    "notice": NoticePage,
    "press_release": PressReleasePage,
    "staff_bulletin": StaffBulletinPage,
}

__all__ = [
    "ARTICLE_PAGE_MODELS",
    "ITEM_TYPES",
    "ArticlePage",
    "HomePage",
    "IndexPage",
    "MustReadConfirmation",
    "NewsIndexPage",
    "NewsPage",
    "NoticeBoardPage",
    "NoticeKind",
    "NoticePage",
    "PressReleaseAttachment",
    "PressReleaseKind",
    "PressReleasePage",
    "PressRoomPage",
    "StaffBulletinIndexPage",
    "StaffBulletinPage",
]
