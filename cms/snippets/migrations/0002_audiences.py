"""Create the strategy's fixed audiences."""

from django.db import migrations

CODES = [
    "residents",
    "staff",
    "media",
    "partners",
    "authorities",
    "prospective_residents",
    "visitors",
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("snippets", "Audience")
    for order, code in enumerate(CODES):
        Audience.objects.update_or_create(code=code, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("snippets", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
