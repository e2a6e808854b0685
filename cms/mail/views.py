"""Signed-link pages: confirm, preferences and (one-click) unsubscribe.

A GET never changes anything (link scanners open links); the change is a POST from
the page's button, or the mail client's RFC 8058 one-click POST. Tampered, expired or
used links change nothing and say so with a 400 page.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import subscriptions
from .messages import site_context
from .tokens import LinkError, read_subscriber_token, read_unsubscribe_token

LINK_ERRORS = {
    "invalid": gettext_lazy("The link is not valid. Check that you copied the whole link."),
    "expired": gettext_lazy("The link has expired. Sign up again to get a new link."),
    "used": gettext_lazy("The link is no longer valid. Nothing has changed."),
}


def _page(request, template, status=200, **context):
    context = {**site_context(request.LANGUAGE_CODE[:2]), **context}
    return render(request, f"mail/pages/{template}.html", context, status=status)


def _link_error(request, error: LinkError):
    return _page(request, "message", status=400, message=str(LINK_ERRORS[error.reason]))


@csrf_exempt  # signed links are their own proof; mail clients post without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Show a button (GET) or unsubscribe (POST, also RFC 8058 one-click)."""
    try:
        read_unsubscribe_token(token)
        if request.method == "GET":
            return _page(request, "unsubscribe")
        outcome = subscriptions.unsubscribe(token)
    except LinkError as error:
        return _link_error(request, error)
    message = {
        "unsubscribed": _("You will receive no more e-mail from us."),
        "already": _("You had already unsubscribed. Nothing has changed."),
    }[outcome]
    return _page(request, "message", message=message)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """Show a button (GET) or confirm the subscription (POST)."""
    try:
        read_subscriber_token(token, "confirm")
        if request.method == "GET":
            return _page(request, "confirm")
        outcome = subscriptions.confirm(token)
    except LinkError as error:
        return _link_error(request, error)
    message = {
        "confirmed": _("Thank you! Your subscription is confirmed."),
        "already": _("Your subscription was already confirmed. Nothing has changed."),
    }[outcome]
    return _page(request, "message", message=message)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """Show (GET) or save (POST) a subscriber's choices; "unsubscribe" ends it."""
    from cms.snippets.models import Topic

    try:
        subscriber = subscriptions.subscriber_from_preferences_link(token)
        if request.method == "POST":
            if request.POST.get("unsubscribe"):
                subscriptions.unsubscribe_subscriber(subscriber)
                return _page(
                    request, "message", message=_("You will receive no more e-mail from us.")
                )
            choices = subscriptions.Choices(
                language=request.POST.get("language", ""),
                frequency=request.POST.get("frequency", ""),
                topic_slugs=tuple(request.POST.getlist("topics")),
                is_media=bool(request.POST.get("media")),
            )
            subscriptions.update_preferences(token, choices)
            return _page(request, "message", message=_("Your choices are saved."))
    except LinkError as error:
        return _link_error(request, error)
    except subscriptions.InvalidInput as error:
        return _page(request, "message", status=400, message=str(error))
    current = subscriptions.current_choices(subscriber)
    return _page(
        request,
        "preferences",
        subscriber=subscriber,
        choices=current,
        topics=Topic.objects.all(),
    )
