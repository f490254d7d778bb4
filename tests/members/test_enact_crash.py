"""The worker killed (os._exit(137), as SIGKILL) in the middle of carrying out a passed vote:
after the scheduler's next run the vote's result is carried out exactly once (issue 12)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(args, db):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "coopsite.settings.test",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def db_file(tmp_path):
    db = tmp_path / "enact.sqlite3"
    result = run(["manage.py", "migrate", "--noinput", "-v0"], db)
    assert result.returncode == 0, result.stderr[-2000:]
    return db


def test_a_worker_killed_mid_enactment_carries_it_out_once_after_restart(db_file):
    first = run(["-m", "tests.members.enact_worker", "crash"], db_file)
    assert first.returncode == 137, (first.stdout, first.stderr[-2000:])
    assert "no crash" not in first.stdout
    second = run(["-m", "tests.members.enact_worker", "finish"], db_file)
    assert second.returncode == 0, second.stderr[-2000:]
    report = json.loads(second.stdout.strip().splitlines()[-1])
    assert report == {
        "enactment": "done",
        "outcome": "passed",
        "subject": "former",
        "contract_ended": 1,  # the rolled-back first attempt left nothing behind
        "enacted": 1,
    }
