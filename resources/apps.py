from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources and provider directory"

    def ready(self):
        from home.chrome import watch

        from .effects import register_effects
        from .models import DirectorySettings, DirectoryTerm

        # Read on every directory and profile page, changed by editors now and then.
        watch(DirectorySettings, DirectoryTerm)
        # Membership changes (votes, leaving) reach the directory through members' hooks.
        register_effects()
