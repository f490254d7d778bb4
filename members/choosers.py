"""Snippet choosers that check a permission on the chosen model.

Wagtail's snippet chooser views (list, search, "chosen" JSON) and wagtail-localize's snippet
API only check that the user may use the admin, so anyone there (an editor, say) could list
every member, payment or refund through them (found by the authorisation matrix,
tests/security/test_authz_matrix.py). Private records use these choosers instead: choosing
needs a permission on the model itself, or one of `also_allowed` (the treasurer chooses the
member a payment came from without managing members). `checked_localize_snippets_api` puts the
same rule in front of wagtail-localize's API.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.coreutils import resolve_model_string
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params

ACTIONS = ("add", "change", "delete", "view")


def may_choose(user, model, also_allowed=()):
    opts = model._meta
    wanted = [f"{opts.app_label}.{action}_{opts.model_name}" for action in ACTIONS]
    return any(user.has_perm(perm) for perm in (*wanted, *also_allowed))


class PermissionCheckedMixin:
    also_allowed = ()

    def dispatch(self, request, *args, **kwargs):
        if not may_choose(request.user, resolve_model_string(self.model), self.also_allowed):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def checked_chooser_viewset(*also_allowed):
    """A chooser viewset class for `SnippetViewSet.chooser_viewset_class`."""

    def checked(view_class):
        attrs = {"also_allowed": also_allowed}
        return type(view_class.__name__, (PermissionCheckedMixin, view_class), attrs)

    class CheckedChooserViewSet(chooser.SnippetChooserViewSet):
        checked_also_allowed = also_allowed
        choose_view_class = checked(chooser.ChooseView)
        choose_results_view_class = checked(chooser.ChooseResultsView)
        chosen_view_class = checked(chooser.SnippetChosenView)
        chosen_multiple_view_class = checked(chooser.SnippetChosenMultipleView)
        create_view_class = checked(chooser.SnippetCreateView)

    return CheckedChooserViewSet


def checked_localize_snippets_api(view):
    """Wrap wagtail-localize's snippet API view: a model with a checked chooser needs the same
    permission there. Registered at the same admin path, ahead of wagtail-localize's own."""

    @wraps(view)
    def wrapped(request, app_label, model_name, **kwargs):
        try:
            model = get_snippet_model_from_url_params(app_label, model_name)
        except Http404:
            model = None  # the API answers that itself (after its CSRF check, for a POST)
        if model is not None and request.method in ("GET", "HEAD"):
            chooser_viewset = model.snippet_viewset.chooser_viewset_class
            also_allowed = getattr(chooser_viewset, "checked_also_allowed", None)
            if also_allowed is not None and not may_choose(request.user, model, also_allowed):
                raise PermissionDenied
        return view(request, app_label=app_label, model_name=model_name, **kwargs)

    return wrapped
