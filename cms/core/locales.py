"""Keep Wagtail's locales in step with the configured content languages."""

from django.conf import settings


def sync_locales(sender=None, using="default", **kwargs):
    """Create a ``Locale`` for every configured content language that lacks one.

    Locales are never deleted here: removing a language from settings must not
    delete its pages. Runs after every ``migrate``.
    """
    if getattr(sender, "label", None) not in (None, "core"):
        return
    from wagtail.models import Locale

    existing = set(Locale.objects.using(using).values_list("language_code", flat=True))
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if code not in existing:
            Locale.objects.using(using).create(language_code=code)
