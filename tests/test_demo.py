"""The demo: loaded by the project package (it spans the apps), quiet, never on production."""

from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from billing.models import Allocation, Cycle, Expense, Payment, Refund
from tests.imports import imported_modules, package_of
from tests.tasks import run_tasks

ROOT = Path(__file__).resolve().parents[1]


def wipe_finances():
    """Undo billing's demo, so loading the demo again closes a cycle and makes refunds."""
    for model in (Refund, Allocation, Payment, Expense, Cycle):
        model.objects.all().delete()


@pytest.mark.django_db
def test_loading_the_demo_sends_no_email_and_prints_a_short_summary():
    wipe_finances()
    out = StringIO()
    call_command("load_demo", stdout=out)
    # The past cycle closed again and its refunds were made: the moment members are emailed.
    assert Refund.objects.filter(cycle__status=Cycle.Status.CLOSED).exists()
    run_tasks()  # what the worker would send once `make run` starts it
    assert mail.outbox == []
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["Demo content is ready.", "Demo logins:"]
    assert len(lines) < 20
    assert not [line for line in lines if line.startswith(("Subject:", "From:", "To:"))]


@pytest.mark.django_db
def test_load_demo_refuses_production_settings_and_changes_nothing(settings):
    settings.DEBUG = False
    settings.LOAD_DEMO_ALLOWED = False
    wipe_finances()
    with pytest.raises(CommandError, match="looks like production"):
        call_command("load_demo", stdout=StringIO())
    assert not Cycle.objects.exists()
    # On a scratch database with production settings (the benches), the operator says so.
    call_command("load_demo", "--i-know-this-is-not-production", stdout=StringIO())
    assert Cycle.objects.exists()


def test_the_public_app_imports_nothing_from_the_members_area_or_billing():
    offending = {}
    for path in sorted((ROOT / "home").rglob("*.py")):
        bad = {
            module
            for module in imported_modules(path, package_of(path, ROOT))
            if module.split(".")[0] in {"members", "billing"}
        }
        if bad:
            offending[str(path.relative_to(ROOT))] = sorted(bad)
    assert offending == {}


def test_the_import_scan_sees_relative_and_function_local_imports(tmp_path):
    source = tmp_path / "probe.py"
    source.write_text(
        "from .. import demo\ndef f():\n    from billing import cycles\n    import members.voting\n"
    )
    found = imported_modules(source, "home.management.commands")
    assert {"home.management.demo", "billing.cycles", "members.voting"} <= found
