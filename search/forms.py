from django import forms
from django.utils.translation import gettext_lazy as _

from home.text import read_page_number, read_query

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
        query, shortened = read_query(self.cleaned_data["q"], MAX_QUERY_LENGTH)
        if shortened:
            self.notices.append(
                _("Your search was shortened to its first %(count)s characters.")
                % {"count": MAX_QUERY_LENGTH}
            )
        return query

    def clean_type(self):
        value = self.cleaned_data["type"]
        if value and value not in self.type_choices:
            self.notices.append(_("We searched everything: that kind of result doesn't exist."))
            return ""
        return value

    def clean_page(self):
        return read_page_number(self.cleaned_data["page"])
