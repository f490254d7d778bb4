from django.db import migrations

# kind: (notice h, voting h, quorum %, threshold, base, secret, hide results, conflict of interest)
RULES = {
    "admin_staffing": (48, 168, 50, "majority", "cast", False, True, True),
    "admin_pay": (48, 168, 50, "two_thirds", "cast", True, True, True),
    "manual_amendment": (72, 168, 60, "two_thirds", "cast", False, True, False),
    "onboard_provider": (0, 168, 50, "majority", "cast", True, True, True),
    "end_contract": (72, 168, 66, "two_thirds", "cast", True, True, True),
    "remove_parent": (168, 336, 75, "three_quarters", "electorate", True, True, True),
    "cycle_budget": (72, 168, 50, "majority", "cast", False, True, False),
    "shared_service": (48, 168, 50, "majority", "cast", False, True, False),
    "shared_fund": (48, 168, 50, "majority", "cast", False, True, False),
    "general": (24, 168, 50, "majority", "cast", False, False, False),
}
ROLES = ["Treasurer", "Admin staff", "Parent-company representative"]


def seed(apps, schema_editor):
    VoteRule = apps.get_model("members", "VoteRule")
    Group = apps.get_model("auth", "Group")
    for kind, (notice, hours, quorum, threshold, base, secret, hide, coi) in RULES.items():
        VoteRule.objects.get_or_create(
            kind=kind,
            defaults={
                "min_notice_hours": notice,
                "min_voting_hours": hours,
                "quorum_percent": quorum,
                "threshold": threshold,
                "threshold_base": base,
                "secret_ballot": secret,
                "hide_results_until_close": hide,
                "conflict_of_interest": coi,
            },
        )
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_members_proposals_votes_audit"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
