"""A member's choice of language for the members' area and for the co-op's emails to them."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from .access import ANY, member_view


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        # Each language named in itself, so a member who cannot read the page still finds theirs.
        choices=[
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The members' area and every email from the co-op will use it."),
    )


@member_view(*ANY)
def choose_language(request):
    member = request.member
    form = LanguageForm(
        request.POST or None, initial={"language": member.language or translation.get_language()}
    )
    if request.method == "POST" and form.is_valid():
        member.language = form.cleaned_data["language"]
        member.save(update_fields=["language"])
        with translation.override(member.language):
            messages.success(request, _("Saved. We will use this language from now on."))
            return redirect(reverse("members:language"))
    return render(request, "members/language.html", {"form": form})
