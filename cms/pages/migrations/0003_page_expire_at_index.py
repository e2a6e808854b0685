"""An index on Wagtail's ``Page.expire_at``, which Wagtail itself leaves unindexed.

Every delivery answer asks for the next expiry still ahead (its validators fold it in),
the scheduler asks for live pages past their expiry each minute, and every listing
filters on it: without an index each of these reads the whole page table. Partial, as
most items never expire; the same SQL works on SQLite and PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_article_manager_internal_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS enkanal_page_expire_at "
            "ON wagtailcore_page (expire_at) WHERE expire_at IS NOT NULL",
            reverse_sql="DROP INDEX IF EXISTS enkanal_page_expire_at",
        ),
    ]
