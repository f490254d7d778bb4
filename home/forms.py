from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form with an upload size cap (Wagtail has none for documents)."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if file is not None and getattr(file, "size", 0) > limit:
            raise ValidationError(
                _("This file is too big (%(size)s). The largest allowed is %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        return file
