"""Admin URLs of the workflow (mounted by ``wagtail_hooks.register_admin_urls``)."""

from django.urls import path

from cms.workflows import views

app_name = "enkanal_workflows_admin"

urlpatterns = [
    path("oversikt/", views.overview, name="overview"),
    path("bradskande/<int:page_id>/", views.urgent_publish, name="urgent_publish"),
    path("anslag/<int:page_id>/<str:action>/", views.remove_notice, name="remove_notice"),
    path("uppfoljning/<int:pk>/", views.follow_up, name="follow_up"),
    path("meddelande/<int:pk>/<str:action>/", views.message_action, name="message_action"),
]
