"""The outbox's tasks: deliver one message; sweep up messages no task is bringing."""

from django_tasks import task, task_backends

from . import delivery


@task()
def deliver(message_id: int) -> str:
    return delivery.deliver(message_id)


@task()
def sweep() -> int:
    """Run by the scheduler every minute."""
    return delivery.sweep()


def enqueue_delivery(message_id: int, run_after=None) -> None:
    """Enqueue an attempt, in the current transaction (the database backend stores the task
    with the message's new state, or neither). A backend that cannot defer (the immediate
    one) leaves a later attempt to the sweep."""
    if run_after is not None and not task_backends[deliver.backend].supports_defer:
        return
    job = deliver.using(run_after=run_after) if run_after is not None else deliver
    job.enqueue(message_id)
