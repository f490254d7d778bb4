from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


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


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing files whose header the image library cannot read.

    Pillow opens lazily: Wagtail's own check only proves a file starts like an image, and the
    header is read later, in the pixel-count check, where a truncated or corrupt file raised
    an uncaught OSError (a 500 in the admin) instead of a message on the form.
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # whatever a corrupt header makes Pillow raise
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form (settings.WAGTAILIMAGES_IMAGE_FORM_BASE) with CheckedImageField.

    The field is swapped in rather than declared: a declared field would be added to the
    partial forms Wagtail builds without a file field, and required there. (Meta.field_classes
    does not reach it: Wagtail's formfield callback always builds a WagtailImageField.)
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = CheckedImageField
