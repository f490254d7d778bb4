from django import forms
from django.utils.translation import gettext_lazy as _

from home.text import clean_text

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """Never invalid: whatever arrives is made searchable, and anything odd is said politely."""

    q = forms.CharField(required=False, label=_("Search the site"))
    type = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def __init__(self, data, type_choices):
        super().__init__(data)
        self.type_choices = type_choices
        self.notices = []

    def clean_q(self):
        query = clean_text(self.cleaned_data["q"])
        if len(query) > MAX_QUERY_LENGTH:
            self.notices.append(
                _("Your search was shortened to its first %(count)s characters.")
                % {"count": MAX_QUERY_LENGTH}
            )
            query = query[:MAX_QUERY_LENGTH].strip()
        return query

    def clean_type(self):
        value = self.cleaned_data["type"]
        if value and value not in self.type_choices:
            self.notices.append(_("We searched everything: that kind of result doesn't exist."))
            return ""
        return value

    def clean_page(self):
        value = self.cleaned_data["page"]
        return int(value) if value.isascii() and value.isdigit() and 0 < len(value) < 6 else 1
