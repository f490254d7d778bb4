"""Run queued background tasks in the test's own transaction, as `db_worker` would.

Tests use the database backend, as production does: a request or a function that enqueues a
task only stores it. What the worker would then do happens when a test calls `run_tasks()`,
so a test that relies on work done in the background says so, and it fails if that work
could not be queued (arguments that are not JSON, a task that is not importable).
"""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

WORKER_ID = "test-worker"


def run_tasks(*, limit=10_000, raise_errors=True, only=None):
    """Run every ready task, including those the tasks themselves enqueue, oldest first.

    The library's own `Worker.run_task` runs each one (signals, result, failure record); only
    its polling loop is left out, because it closes the database connection between tasks,
    which would end the test's transaction. Returns the finished results; raises on a failed
    task unless `raise_errors` is false. `only` (task paths) leaves every other task queued.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=WORKER_ID,
        excluded_queue_names=[],
    )
    done = []
    for _ in range(limit):
        ready = DBTaskResult.objects.ready()
        row = (ready.filter(task_path__in=only) if only else ready).first()
        if row is None:
            break
        row.claim(WORKER_ID)
        worker.run_task(row)
        row.refresh_from_db()
        if raise_errors and row.status == "FAILED":
            raise AssertionError(f"Task {row.task_path} failed:\n{row.traceback}")
        done.append(row)
    else:
        raise AssertionError(f"More than {limit} tasks: is a task enqueueing itself?")
    return done
