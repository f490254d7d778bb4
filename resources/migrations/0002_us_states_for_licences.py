"""The 50 states and DC as the 'State' list of the directory: licences are per state."""

from django.db import migrations

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
# Where the co-op's providers practise today come first in the list.
FIRST = {"WA": 0, "OR": 1}


def add_states(apps, schema_editor):
    DirectoryTerm = apps.get_model("resources", "DirectoryTerm")
    existing = set(DirectoryTerm.objects.filter(kind="state").values_list("slug", flat=True))
    DirectoryTerm.objects.bulk_create(
        DirectoryTerm(kind="state", slug=code.lower(), name=name, position=FIRST.get(code, 100))
        for code, name in STATES.items()
        if code.lower() not in existing
    )


def remove_states(apps, schema_editor):
    DirectoryTerm = apps.get_model("resources", "DirectoryTerm")
    DirectoryTerm.objects.filter(kind="state", slug__in=[c.lower() for c in STATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_directory_and_resource_links")]

    operations = [migrations.RunPython(add_states, remove_states)]
