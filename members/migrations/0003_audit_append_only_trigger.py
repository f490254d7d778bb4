from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION members_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'members_auditentry is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER members_auditentry_append_only
    BEFORE UPDATE OR DELETE ON members_auditentry
    FOR EACH ROW EXECUTE FUNCTION members_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS members_auditentry_append_only ON members_auditentry;
DROP FUNCTION IF EXISTS members_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    """The model refuses updates and deletes; on PostgreSQL the database does too."""

    dependencies = [("members", "0002_seed_rules_and_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
