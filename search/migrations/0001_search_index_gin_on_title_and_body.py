"""A GIN index on `title || body` of Wagtail's search index (PostgreSQL only).

Wagtail's PostgreSQL backend matches `(title || body) @@ query`; its own GIN indexes are on
`title` and on `body` separately, which that expression cannot use, so every search scanned
every index entry. This index is on the expression itself. Nothing happens on SQLite (FTS5
has its own index).
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
INDEX = "coopsite_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "{TABLE}" USING gin ((title || body))'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
