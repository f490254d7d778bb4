"""Editors lose their reach into the Receipts collection.

Wagtail gives the Editors and Moderators groups their image and document permissions on the
root collection, and collection permissions pass down to every child, so editors could open,
replace or delete expense receipts in the admin. Their permissions move to a "Website"
collection beside Receipts, with every image and document that was in the root, so editors
keep everything they had except the receipts. The treasurer keeps the root (billing 0002).
"""

from django.db import migrations

WEBSITE = "Website"
KEEP_ROOT = {"Treasurer"}  # groups that do keep the whole tree


def move(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:  # a flushed database: load_demo builds the tree
        return
    website = Collection.objects.filter(depth=2, name=WEBSITE).first()
    if website is None:
        # Treebeard's add_child is not available on historical models: do what it does.
        last = Collection.objects.filter(depth=2).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        website = Collection.objects.create(
            name=WEBSITE, depth=2, path=root.path + _base36(step), numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    for row in GroupCollectionPermission.objects.filter(collection=root).exclude(
        group__name__in=KEEP_ROOT
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=row.group, collection=website, permission=row.permission
        )
        row.delete()
    for label, model in (("wagtailimages", "Image"), ("wagtaildocs", "Document")):
        apps.get_model(label, model).objects.filter(collection=root).update(collection=website)


def _base36(number, width=4):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(width, "0")


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_treasurer_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
