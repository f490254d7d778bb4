"""The outbox's tasks: write a queued notice's messages; deliver one message; sweep up
notices and messages no task is bringing."""

from django_tasks import task, task_backends

from . import delivery


@task()
def deliver(message_id: int) -> str:
    return delivery.deliver(message_id)


@task()
def write(notice_id: int) -> int:
    """Render a queued notice into its messages and enqueue their delivery."""
    from .mail import write_messages

    return len(write_messages(notice_id))


@task()
def fan_out(message_ids: list[int]) -> int:
    """One delivery task per message, so workers send them in parallel and each retries on
    its own. (A worker killed here loses nothing: the sweep finds the messages overdue.)
    Kept for tasks queued before notices were written by `write`, which enqueues directly."""
    for message_id in message_ids:
        deliver.enqueue(message_id)
    return len(message_ids)


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
