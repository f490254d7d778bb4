from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def scheduler_state():
    """ "ok", or "late" when no scheduler has held its lease for SCHEDULER_STALE_SECONDS
    (votes would not close on time), or "never" on a site where none has ever run."""
    from background.lease import last_renewed

    seen = last_renewed()
    if seen is None:
        return "never"
    late = (timezone.now() - seen).total_seconds() > settings.SCHEDULER_STALE_SECONDS
    return "late" if late else "ok"


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors: 503 when the database does not answer. A scheduler
    that is not running leaves the site serving (200), so it is reported in its own field and
    "status" becomes "degraded", for a monitor to alert on."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        scheduler = scheduler_state()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    status = "ok" if scheduler == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "scheduler": scheduler})
