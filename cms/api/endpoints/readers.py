"""The intranet reader's own view: must-read bulletins to confirm, and "För min enhet".

Intranet only: every answer depends on who is asking (``request.reader``), so it is
private and validated by its body like the rest of the intranet API.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError

from cms.pages.models import MustReadConfirmation, StaffBulletinPage
from cms.pages.querysets import reachable_unit_ids
from cms.snippets.models import Unit

from ..listing import MAX_ID, ListingParams
from ..schemas.common import responses
from ..schemas.items import Confirmation, ItemList
from ..surfaces import Surface, reader_of
from .items import item_list


def unconfirmed_must_read(surface: Surface, request):
    """Must-read bulletins the reader may see and has not confirmed yet."""
    reader = reader_of(request)
    confirmed = MustReadConfirmation.objects.filter(page_id=OuterRef("pk"), user_id=reader.pk)
    bulletins = surface.items(request, model=StaffBulletinPage).filter(must_read=True)
    return bulletins.exclude(Exists(confirmed))


def for_my_units(surface: Surface, request):
    """Items for the reader's units: bulletins targeted at them (or at a unit above them)
    and items their own units (or units below them) are responsible for."""
    reader = reader_of(request)
    own = Unit.objects.filter(Q(members=reader) | Q(managers=reader)).distinct()
    owned_by = set()
    for unit in own:
        owned_by |= {unit.pk, *unit.get_descendant_ids()}
    through = StaffBulletinPage.target_units.through
    targeted = Exists(
        through.objects.filter(
            staffbulletinpage_id=OuterRef("pk"), unit_id__in=reachable_unit_ids(reader)
        )
    )
    return surface.items(request).filter(targeted | Q(owner_unit_id__in=owned_by))


def build_router(surface: Surface) -> Router:
    """The reader's router (intranet only)."""
    router = Router(tags=[_("Content")])

    @router.post(
        "/items/{item_id}/confirmation",
        response=responses(surface, Confirmation, 400, 404) | {201: Confirmation},
        summary=_("Confirm having read a must-read bulletin"),
        operation_id=f"{surface.name}_confirm_reading",
    )
    def confirm_reading(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
        """One click: the reader confirms the bulletin. Confirming again changes nothing
        (200 with the first time); a bulletin that is not must-read answers 400."""
        page = surface.items(request, model=StaffBulletinPage).filter(pk=item_id).first()
        if page is None:
            raise Http404(_("The item does not exist or is not published here."))
        if not page.must_read:
            raise HttpError(400, _("This bulletin does not ask to be confirmed."))
        reader = reader_of(request)
        existing = MustReadConfirmation.objects.filter(page=page, user_id=reader.pk).first()
        status = 200
        if existing is None:
            try:
                with transaction.atomic():
                    existing = MustReadConfirmation.objects.create(page=page, user_id=reader.pk)
                status = 201
            except IntegrityError:  # a second click that raced the first
                existing = MustReadConfirmation.objects.get(page=page, user_id=reader.pk)
        data = {"item_id": page.pk, "confirmed_at": timezone.localtime(existing.confirmed_at)}
        return Status(status, data)

    @router.get(
        "/must-read",
        response=responses(surface, ItemList, 400),
        summary=_("Must-read bulletins the reader has not confirmed"),
        operation_id=f"{surface.name}_must_read",
    )
    def must_read(request, params: Query[ListingParams]):
        """Bulletins marked Läs och bekräfta that the reader has yet to confirm, newest first."""
        return item_list(request, surface, params, queryset=unconfirmed_must_read(surface, request))

    @router.get(
        "/for-my-units",
        response=responses(surface, ItemList, 400),
        summary=_("For my unit"),
        operation_id=f"{surface.name}_for_my_units",
    )
    def for_my_unit(request, params: Query[ListingParams]):
        """För min enhet: bulletins targeted at the reader's units and items of their own
        units, newest first; the intranet start shows these before everything else."""
        return item_list(request, surface, params, queryset=for_my_units(surface, request))

    return router
