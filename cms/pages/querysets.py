"""The one audience filter (DESIGN.md §6.1).

Every surface that shows items – the public and intranet APIs, feeds, search,
sitemaps, e-mail recipient selection, documents and images – asks
``ArticlePage.objects.public()`` or ``ArticlePage.objects.for_staff(user)`` which items
it may show. No surface filters on audiences or release times on its own, so a rule
changes here and nowhere else.

Both methods are single SQL conditions (``EXISTS`` subqueries), so a listing stays one
indexed query whatever the corpus size.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from cms.core import roles
from cms.snippets.models.audiences import EXTERNAL_CODES, AudienceCode

#: Roles that see every staff bulletin, whatever units it targets: they write, approve
#: and publish bulletins, and must be able to check what a unit's staff see.
BULLETIN_EDITORIAL_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)


#: Deepest tree level whose view restrictions are honoured (Wagtail's items sit at 4).
MAX_RESTRICTED_DEPTH = 16


def _restricted(view_restrictions=None):
    """``EXISTS`` a view restriction on the page or on any of its ancestors.

    Wagtail's tree paths make an ancestor's path a prefix of its descendants' paths, in
    steps of ``Page.steplen`` characters. The ancestors' paths are listed as equality
    matches (``path IN (…)``) rather than compared with a computed prefix, so PostgreSQL
    can use the unique path index instead of scanning every page per candidate row.
    """
    restrictions = (
        PageViewRestriction.objects.all() if view_restrictions is None else view_restrictions
    )
    ancestor_paths = [
        Substr(OuterRef("path"), 1, Page.steplen * depth)
        for depth in range(1, MAX_RESTRICTED_DEPTH + 1)
    ]
    return Exists(restrictions.filter(page__path__in=ancestor_paths))


def _targeted():
    """``EXISTS`` a unit the bulletin targets (an item of another type targets none)."""
    from .models import StaffBulletinPage

    through = StaffBulletinPage.target_units.through
    return Exists(through.objects.filter(staffbulletinpage_id=OuterRef("pk")))


class ArticlePageQuerySet(PageQuerySet):
    """Queries over items (``ArticlePage`` and its types)."""

    def _audience_exists(self, codes):
        from .models import ArticlePage

        through = ArticlePage.audiences.through
        return Exists(
            through.objects.filter(articlepage_id=OuterRef("pk"), audience__code__in=codes)
        )

    def _not_expired(self, at: datetime.datetime):
        # Wagtail unpublishes expired pages only when ``publish_scheduled`` runs; until
        # then they are still live, so the expiry time is checked here too.
        return self.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=at))

    def public(self, at: datetime.datetime | None = None):
        """Items anyone may see at ``at`` (default: now).

        Live, with at least one external audience (residents or the outside world),
        externally released, not expired, not under a view restriction, and never a
        staff bulletin. Notices past their removal date stay public (the archive).
        """
        from .models import StaffBulletinPage

        at = at or timezone.now()
        return (
            self.live()
            ._not_expired(at)
            .filter(external_release_at__isnull=False, external_release_at__lte=at)
            .filter(self._audience_exists(EXTERNAL_CODES))
            .exclude(content_type_id=_content_type_id(StaffBulletinPage))
            .exclude(_restricted())
        )

    def released_to_staff(self, at: datetime.datetime):
        """Live, unexpired items internally released at ``at`` for staff or the public.

        The part of ``for_staff`` that does not depend on who is asking.
        """
        return (
            self.live()
            ._not_expired(at)
            .filter(internal_release_at__isnull=False, internal_release_at__lte=at)
            .filter(self._audience_exists({*EXTERNAL_CODES, AudienceCode.STAFF}))
        )

    def for_all_staff(self, at: datetime.datetime | None = None):
        """Items every signed-in member of staff may see at ``at``: ``for_staff``'s floor.

        Released to staff, under no view restriction other than "signed-in users", and
        not a bulletin that targets units. What is here, ``for_staff`` shows to anyone;
        what is not may still be shown to some. Search's intranet vocabulary is built
        from it, so a suggestion never names a word from an item only some may read.
        """
        at = at or timezone.now()
        blocking = PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.LOGIN)
        return self.released_to_staff(at).exclude(_restricted(blocking)).exclude(_targeted())

    def for_staff(self, user, at: datetime.datetime | None = None):
        """Items the signed-in member of staff ``user`` may see at ``at`` (default: now).

        Staff first: an item reaches staff at its internal release, before the public.
        Staff see live, internally released, unexpired items for staff or for any
        external audience. A bulletin that targets units reaches members (and
        managers) of those units and of every unit below them, and the editorial roles
        in ``BULLETIN_EDITORIAL_ROLES``. Pages under a view restriction are shown only
        when the restriction is "signed-in users" or names one of the user's groups.
        """
        from .models import StaffBulletinPage

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        at = at or timezone.now()
        queryset = readable_by(self.released_to_staff(at), user)
        if user.is_superuser or user.groups.filter(name__in=BULLETIN_EDITORIAL_ROLES).exists():
            return queryset
        through = StaffBulletinPage.target_units.through
        reaches_user = Exists(
            through.objects.filter(
                staffbulletinpage_id=OuterRef("pk"), unit_id__in=reachable_unit_ids(user)
            )
        )
        return queryset.filter(~_targeted() | reaches_user)


def readable_by(queryset, user):
    """``queryset`` (of pages) without those a view restriction keeps from ``user``.

    ``for_staff``'s rule on view restrictions, for any page type: a page (or an
    ancestor) restricted to "signed-in users" or to one of the user's groups may be
    read; any other restriction (a password, other groups) shuts the user out.
    """
    group_ids = list(user.groups.values_list("pk", flat=True))
    blocking = PageViewRestriction.objects.exclude(
        restriction_type=PageViewRestriction.LOGIN
    ).exclude(
        Q(restriction_type=PageViewRestriction.GROUPS) & Q(groups__in=group_ids),
    )
    return queryset.exclude(_restricted(blocking))


def reachable_unit_ids(user) -> set[int]:
    """Units whose targeted bulletins reach ``user``: their units and every ancestor."""
    from cms.snippets.models import Unit

    own = set(Unit.objects.filter(Q(members=user) | Q(managers=user)).values_list("pk", flat=True))
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    reachable: set[int] = set()
    for unit_id in own:
        node = unit_id
        while node is not None and node not in reachable:
            reachable.add(node)
            node = parents.get(node)
    return reachable


def staff_recipients(page, at: datetime.datetime | None = None):
    """Active users to whom ``for_staff`` shows ``page`` at ``at``: its set-based twin.

    E-mail to staff chooses its recipients here, so that who is mailed an item and who
    sees it on the intranet follow one rule: the same release, view restriction and
    unit targeting checks as ``for_staff``, expressed over all users at once.
    """
    from django.contrib.auth import get_user_model

    from .models import ArticlePage, StaffBulletinPage

    user_model = get_user_model()
    at = at or timezone.now()
    if not ArticlePage.objects.filter(pk=page.pk).released_to_staff(at).exists():
        return user_model.objects.none()
    users = page_readers(page)
    target_ids = set(
        StaffBulletinPage.target_units.through.objects.filter(
            staffbulletinpage_id=page.pk
        ).values_list("unit_id", flat=True)
    )
    if target_ids:
        reached = user_model.objects.filter(
            Q(is_superuser=True)
            | Q(groups__name__in=BULLETIN_EDITORIAL_ROLES)
            | Q(units__in=_with_descendants(target_ids))
            | Q(managed_units__in=_with_descendants(target_ids))
        )
        users = users.filter(pk__in=reached.values("pk"))
    return users


def page_readers(page):
    """Active users whom the view restrictions on ``page`` and its ancestors let read it.

    "Signed-in users" lets every member of staff in, a group restriction only its
    members, and a password nobody (staff read with their own accounts). The release
    and unit targeting of items are ``staff_recipients``'s part, on top of this.
    """
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    users = user_model.objects.filter(is_active=True)
    prefixes = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    restrictions = PageViewRestriction.objects.filter(page__path__in=prefixes).exclude(
        restriction_type=PageViewRestriction.LOGIN
    )
    for restriction in restrictions:
        if restriction.restriction_type != PageViewRestriction.GROUPS:
            return user_model.objects.none()  # a password shuts every member of staff out
        members = user_model.objects.filter(groups__in=restriction.groups.all())
        users = users.filter(pk__in=members.values("pk"))
    return users


def _with_descendants(unit_ids: set[int]) -> set[int]:
    """``unit_ids`` and every unit below them (the inverse of ``reachable_unit_ids``)."""
    from cms.snippets.models import Unit

    children: dict[int, list[int]] = {}
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, frontier = set(unit_ids), list(unit_ids)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


__all__ = [
    "BULLETIN_EDITORIAL_ROLES",
    "ArticlePageQuerySet",
    "page_readers",
    "reachable_unit_ids",
    "readable_by",
    "staff_recipients",
]
