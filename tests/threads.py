"""Running the same work from many threads at once, each with its own database connection."""

import threading

from django.db import connection


def run_threads(n, work):
    """Call work(i) for i in range(n) from n threads released together by a barrier; the
    results in order, an exception where a call raised one."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def runner(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertions
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results
