"""gunicorn's settings for every `gunicorn coopsite.wsgi` started here (the Procfile's web,
`make run`, the benches and drills): gunicorn reads ./gunicorn.conf.py by default, and the
command line or GUNICORN_CMD_ARGS still override it.

`preload_app`: the master imports Django and the site once, before it forks the workers, so
the workers share those pages instead of each loading its own copy (measured with
bench/load.py's pages: 135 MiB resident per worker without, 122 with). Nothing is connected at
that point (the database and Redis are opened lazily, in each worker), so no connection is
shared by accident. The cost: `kill -HUP` restarts the workers with the code the master
already holds, so a deploy restarts the master (docs/deployment.md).
"""

import gc

preload_app = True


def when_ready(server):
    # Everything the master allocated lives as long as the workers do: left out of the
    # collector's passes, whose bookkeeping writes would copy shared pages into each worker.
    gc.freeze()
