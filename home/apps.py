from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Public pages"

    def ready(self):
        from .chrome import connect_signals

        connect_signals()
