"""Public URLs of the workflow: the signed approval links from the manager's e-mail."""

from django.urls import path

from cms.workflows import views

app_name = "enkanal_workflows"

urlpatterns = [
    path("godkann/<str:token>/<str:action>/", views.approval_link, name="approval_link"),
]
