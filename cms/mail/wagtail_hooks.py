"""Admin registration of the e-mail channel: dispatches, subscribers, suppression list."""

from django.urls import path
from wagtail import hooks

from .admin_views import (
    DispatchActionView,
    DispatchFailuresView,
    DispatchViewSet,
    SubscriberViewSet,
    SuppressionViewSet,
)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        DispatchViewSet("mail_dispatch"),
        SubscriberViewSet("mail_subscriber"),
        SuppressionViewSet("mail_suppression"),
    ]


@hooks.register("register_admin_urls")
def register_dispatch_actions():
    return [
        path(
            "mail/dispatch/<int:pk>/failures/",
            DispatchFailuresView.as_view(),
            name="mail_dispatch_failures",
        ),
        path(
            "mail/dispatch/<int:pk>/<str:action>/",
            DispatchActionView.as_view(),
            name="mail_dispatch_action",
        ),
    ]
