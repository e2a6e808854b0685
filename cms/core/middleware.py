"""The admin speaks Swedish unless the user chose another language in their account."""

from django.conf import settings
from django.utils import translation


class SwedishAdminMiddleware:
    """Ignore the browser's ``Accept-Language`` on the editors' pages.

    Django's ``LocaleMiddleware`` follows the browser, and Wagtail falls back to that
    language for every user who has not picked one, so an English browser met an
    admin half in English. On the paths in ``ENKANAL_ADMIN_LANGUAGE_PATHS`` the
    default is ``LANGUAGE_CODE`` instead; Wagtail still applies a user's own choice
    (account › preferred language) on top of it. Sits after ``LocaleMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.ENKANAL_ADMIN_LANGUAGE_PATHS)

    def __call__(self, request):
        if request.path_info.startswith(self.prefixes):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
