"""URL configuration.

Enkanal is headless: Wagtail's own page serving is deliberately *not* mounted, because
it knows nothing of audiences or release plans. The public site and the intranet read
content only through the delivery API (added under ``/api/``).
"""

from django.conf import settings
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from cms.workflows.views import NoticeAwareUnpublishView

urlpatterns = [
    # Ahead of Wagtail's own route, which asks for confirmation before any check.
    path(
        "admin/pages/<int:page_id>/unpublish/",
        require_admin_access(NoticeAwareUnpublishView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("arbetsflode/", include("cms.workflows.urls")),
    path("e-post/", include("cms.mail.urls")),
    path("api/", include("cms.api.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    from cms.api.media import media_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Uploads go through the same guards as documents and images in production.
    urlpatterns += media_urlpatterns()
