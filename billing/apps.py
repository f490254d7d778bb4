from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing and finances")
    default_auto_field = "django.db.models.BigAutoField"

    # The ledger's rows reference no page, image or document, yet Wagtail would update its
    # reference index on every save (about 3,750 queries closing a 500-member cycle). Cycles,
    # budget lines and expenses (a receipt is a document) stay indexed.
    NOT_REFERENCE_INDEXED = (
        "Payment",
        "Allocation",
        "Refund",
        "StripeEvent",
        "BillingAccount",
        "FeeChange",
    )

    def ready(self):
        from home.chrome import watch

        from .effects import register_effects

        register_effects()
        # The current cycle is cached for pages (cycles.shared_current_cycle).
        watch(self.get_model("Cycle"))
        for name in self.NOT_REFERENCE_INDEXED:
            self.get_model(name).wagtail_reference_index_ignore = True
        self.register_principle_figures()

    def register_principle_figures(self):
        """Principles 3 and 6 on the public principles page: the fee and the co-op's share of
        the spending (home/live_figures.py caches them until a cycle, an expense, a refund or
        a supplier changes, or the day does)."""
        from home import live_figures

        from .templatetags.billing_tags import (
            coop_figures_context,
            cycle_figures,
            fee_figures_context,
        )

        live_figures.register(
            "cycles",
            cycle_figures,
            {
                3: ("billing/principle_figures.html", fee_figures_context),
                6: ("billing/coop_figures.html", coop_figures_context),
            },
            watch=[self.get_model(name) for name in ("Cycle", "Expense", "Refund", "Supplier")],
        )
