"""The treasurer enters expenses, records cheques and bank transfers, marks manual refunds
paid and closes cycles in the Wagtail admin, and uploads receipts there."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

TREASURER = "Treasurer"
BILLING = {
    "cycle": ("add", "change", "view"),
    "budgetline": ("add", "change", "delete", "view"),
    "expense": ("add", "change", "delete", "view"),
    "payment": ("add", "change", "view"),
    "refund": ("change", "view"),
    "feechange": ("view",),
    "allocation": ("view",),
    "billingaccount": ("view",),
}
DOCUMENTS = ("add_document", "change_document", "choose_document")


def grant(apps, schema_editor):
    # Permissions are normally made after migrations run; make them now for a fresh database.
    for label in ("billing", "wagtailadmin", "wagtaildocs"):
        config = global_apps.get_app_config(label)
        create_permissions(config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    treasurer, _ = Group.objects.get_or_create(name=TREASURER)
    wanted = [("wagtailadmin", "access_admin")] + [
        ("billing", f"{action}_{model}") for model, actions in BILLING.items() for action in actions
    ]
    for app_label, codename in wanted:
        treasurer.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for codename in DOCUMENTS:
            GroupCollectionPermission.objects.get_or_create(
                group=treasurer,
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_cycles_ledger_stripe"),
        ("members", "0002_seed_rules_and_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
