"""Grant the roles the service shortcuts and the important messages (cms/core/roles.py)."""

from django.db import migrations

from cms.core.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_identity"),
        ("snippets", "0004_service_shortcuts"),
        ("workflows", "0004_important_messages"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
