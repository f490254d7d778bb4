from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DirectoryTerm, ResourceLink


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
