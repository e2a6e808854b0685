"""URLs of the e-mail channel, included at ``/e-post/`` by ``cms.urls``."""

from django.urls import include, path

from . import views
from .webhooks import tracking_urlpatterns

app_name = "mail"

urlpatterns = [
    path("bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("installningar/<str:token>/", views.preferences, name="preferences"),
    path("avregistrera/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("webhooks/", include((tracking_urlpatterns(), "anymail"), namespace="webhooks")),
]
