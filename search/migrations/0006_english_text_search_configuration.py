"""A PostgreSQL text-search configuration for English items, with accents folded.

``enkanal_english`` is ``english`` with the ``unaccent`` dictionary in front of the
stemmer, as ``enkanal_swedish`` is ``swedish`` (migration 0001): items in the English
tree are indexed with it (``LOCALE_CONFIGS`` in ``search.config``), so ``fires`` and
``fire`` meet on ``fire`` and neither meets ``first``, which the Swedish stemmer cut to
``fir``. Without the ``unaccent`` extension it is a plain copy of ``english``. Nothing
happens on other databases. Existing English items get the new vectors with
``manage.py update_index``.
"""

from django.db import migrations

WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def create_configuration(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'enkanal_english'")
        if cursor.fetchone():
            return
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        has_unaccent = cursor.fetchone() is not None
        cursor.execute("CREATE TEXT SEARCH CONFIGURATION enkanal_english (COPY = english)")
        if has_unaccent:
            cursor.execute(
                "ALTER TEXT SEARCH CONFIGURATION enkanal_english "
                f"ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, english_stem"
            )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS enkanal_english")


class Migration(migrations.Migration):
    dependencies = [("enkanal_search", "0005_vocabulary_per_audience")]

    operations = [migrations.RunPython(create_configuration, drop_configuration)]
