"""Production settings plus the framework floor, for `bench/load.py` only (never deployed).

gunicorn runs with DJANGO_SETTINGS_MODULE=floor_settings and bench/ on PYTHONPATH. The only
differences from production: one extra URL, `/bench/floor/` (a one-line view, see
floor_urls.py), and a public-search rate limit high enough that the load generator on one
address is measured instead of refused (production allows 60 searches a minute per address).
"""

from coopsite.settings.production import *  # noqa: F403
from coopsite.settings.production import RATELIMIT_RATES

ROOT_URLCONF = "floor_urls"
RATELIMIT_RATES = {**RATELIMIT_RATES, "search-ip": "1000000/m"}
