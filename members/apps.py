from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import decisions, frozen
        from .manual import effects as manual_effects
        from .manual import in_force as manual_in_force
        from .manual import publishing as manual_publishing
        from .manual import signals as manual_signals
        from .membership import register_effects
        from .models import ManualPage

        register_effects()
        decisions.register_effects()
        manual_effects.register_effects()
        manual_signals.connect()
        manual_in_force.connect()
        frozen.connect()
        ManualPage.publish_guard = staticmethod(manual_publishing.check_publish)
        request_finished.connect(
            manual_publishing.forget_publication, dispatch_uid="manual-forget-publication"
        )
        register_principle_figures()


def register_principle_figures():
    """Principles 1 and 2 on the public principles page: members and votes (home/live_figures.py
    caches them until a member, a proposal or an electorate changes)."""
    from home import live_figures

    from .models import Elector, Member, Proposal
    from .templatetags.members_tags import member_figures, member_figures_context

    template_name = "members/principle_figures.html"
    live_figures.register(
        "members",
        member_figures,
        {n: (template_name, lambda f, n=n: member_figures_context(f, n)) for n in (1, 2)},
        watch=(Member, Proposal, Elector),
    )
