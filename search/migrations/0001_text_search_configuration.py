"""PostgreSQL text-search configurations for Swedish with å/ä/ö folded.

``enkanal_swedish`` is ``swedish`` with the ``unaccent`` dictionary in front of the
stemmer, so ``forskola`` finds ``förskola``; ``enkanal_simple`` is its unstemmed sibling
for autocomplete. Without the ``unaccent`` extension (no rights to create it) they are
plain copies of ``swedish`` and ``simple``. Nothing happens on other databases.
"""

from django.db import migrations

WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def create_configurations(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'enkanal_swedish'")
        if cursor.fetchone():
            return
        cursor.execute("SAVEPOINT enkanal_unaccent")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            cursor.execute("RELEASE SAVEPOINT enkanal_unaccent")
            has_unaccent = True
        except Exception:
            cursor.execute("ROLLBACK TO SAVEPOINT enkanal_unaccent")
            has_unaccent = False
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION enkanal_swedish (COPY = swedish)")
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION enkanal_simple (COPY = simple)")
        if has_unaccent:
            cursor.execute(
                "ALTER TEXT SEARCH CONFIGURATION enkanal_swedish "
                f"ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, swedish_stem"
            )
            cursor.execute(
                "ALTER TEXT SEARCH CONFIGURATION enkanal_simple "
                f"ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, simple"
            )


def drop_configurations(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS enkanal_swedish")
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS enkanal_simple")


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
