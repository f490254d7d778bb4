from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .models import DirectoryTerm, ProviderPage, ResourceLink


@hooks.register("on_serve_page", order=100)
def serve_own_profile_edit(serve):
    """`<profile url>edit/`, the route `ProviderPage` declares, answered by the own-profile
    view (resources/views.py). The view's form imports the model, so the model cannot import
    the view; Wagtail calls this innermost, after its view-restriction check, where the page's
    own `serve` would run."""

    def serve_page(page, request, args, kwargs):
        match = getattr(request, "routable_resolver_match", None)
        if isinstance(page, ProviderPage) and match is not None and match.url_name == "edit":
            return views.edit_own_profile(request, page)
        return serve(page, request, args, kwargs)

    return serve_page


class ResourceLinkViewSet(SnippetViewSet):
    model = ResourceLink
    icon = "link-external"
    menu_label = _("Resource links")
    list_display = ["title", "publisher", "kind", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "description"]
    ordering = ["title"]


class DirectoryTermViewSet(SnippetViewSet):
    model = DirectoryTerm
    icon = "tag"
    menu_label = _("Directory lists")
    list_display = ["name", "kind", "slug", "position"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    ordering = ["kind", "position", "name"]


class ResourcesGroup(SnippetViewSetGroup):
    menu_label = _("Resources and directory")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ResourceLinkViewSet, DirectoryTermViewSet)


register_snippet(ResourcesGroup)
