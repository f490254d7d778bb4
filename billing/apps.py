from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing and finances")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from members import effects
        from members.models import Kind

        from .cycles import apply_budget_proposal
        from .subscriptions import on_membership_ended

        effects.register(Kind.CYCLE_BUDGET, apply_budget_proposal)
        effects.register_hook(effects.MEMBERSHIP_ENDED, on_membership_ended)
