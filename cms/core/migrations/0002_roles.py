"""Create the editorial roles (groups) with their permissions; see cms/core/roles.py."""

from django.db import migrations

from cms.core.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("pages", "0001_initial"),
        ("snippets", "0002_audiences"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
