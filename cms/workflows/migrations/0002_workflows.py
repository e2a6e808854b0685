"""The two editorial workflows, their tasks and the routes that choose between them."""

from django.db import migrations

INTERNAL_NAME = "Intern publicering"
EXTERNAL_NAME = "Extern publicering"
MANAGER_TASK_NAME = "Chefens godkännande"
COMMUNICATOR_TASK_NAME = "Informatörens granskning"


def create_workflows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    WorkflowRoute = apps.get_model("workflows", "WorkflowRoute")
    ManagerTask = apps.get_model("workflows", "UnitManagerApprovalTask")
    CommunicatorTask = apps.get_model("workflows", "CommunicatorReviewTask")

    def task(model, name):
        content_type, _created = ContentType.objects.get_or_create(
            app_label="workflows", model=model._meta.model_name
        )
        existing = model.objects.filter(name=name).first()
        return existing or model.objects.create(name=name, content_type=content_type, active=True)

    manager = task(ManagerTask, MANAGER_TASK_NAME)
    communicator = task(CommunicatorTask, COMMUNICATOR_TASK_NAME)

    def workflow(name, tasks):
        flow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
        for order, each in enumerate(tasks):
            WorkflowTask.objects.get_or_create(
                workflow=flow, task_id=each.pk, defaults={"sort_order": order}
            )
        return flow

    internal = workflow(INTERNAL_NAME, [manager])
    external = workflow(EXTERNAL_NAME, [manager, communicator])
    WorkflowRoute.objects.update_or_create(key="internal", defaults={"workflow": internal})
    WorkflowRoute.objects.update_or_create(key="external", defaults={"workflow": external})

    # Wagtail offers "submit for moderation" when creating a page only below a page
    # with a workflow; articles choose their own workflow (routing), this only turns
    # the button on.
    root = Page.objects.filter(depth=1).first()
    if root is not None and not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=external)


def remove_workflows(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowRoute = apps.get_model("workflows", "WorkflowRoute")
    WorkflowRoute.objects.all().delete()
    Workflow.objects.filter(name__in=[INTERNAL_NAME, EXTERNAL_NAME]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_workflows, remove_workflows)]
