from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing and finances")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .effects import register_effects

        register_effects()
