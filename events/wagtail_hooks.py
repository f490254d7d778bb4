from wagtail import hooks


@hooks.register("before_serve_page", order=-10)
def members_only_events_go_to_the_members_login(page, request, serve_args, serve_kwargs):
    """Before Wagtail's own view-restriction check (which would send a visitor to Wagtail's
    generic login form): a members-only event answers as the members' area does."""
    from .models import EventPage

    if isinstance(page, EventPage):
        from .access import refuse_non_member

        return refuse_non_member(page, request)
    return None
