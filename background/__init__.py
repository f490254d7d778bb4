"""Time-based work: the scheduler that enqueues our tasks, and what admins see of the queue."""
