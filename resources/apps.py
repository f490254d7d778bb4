from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources and provider directory"

    def ready(self):
        from home.chrome import watch

        from .effects import register_effects
        from .models import DirectorySettings, DirectoryTerm, ProviderOffice

        # Read on every directory and profile page, changed by editors now and then (offices:
        # the directory's cached city list; they change with a profile's publish anyway).
        watch(DirectorySettings, DirectoryTerm, ProviderOffice)
        # The resources page's cached list (resources/models/links.py): a link, its topics
        # (saved after the link itself) and the tags' names.
        from taggit.models import Tag

        from .models import ResourceLink, TaggedResourceLink

        watch(ResourceLink, TaggedResourceLink, Tag)
        # The resources page is found in site search by its links' words: index it again
        # whenever a link changes.
        from django.db.models.signals import post_delete, post_save

        post_save.connect(reindex_resource_pages, sender=ResourceLink, dispatch_uid="reindex-res")
        post_delete.connect(reindex_resource_pages, sender=ResourceLink, dispatch_uid="reindex-rd")
        # Membership changes (votes, leaving) reach the directory through members' hooks.
        register_effects()


def reindex_resource_pages(sender, instance, **kwargs):
    from wagtail.search import index

    from .models import ResourceIndexPage

    for page in ResourceIndexPage.objects.filter(locale_id=instance.locale_id):
        index.insert_or_update_object(page)
