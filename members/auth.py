"""Log in with an email address (members) or a username (the Wagtail admin's editors)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        if "@" in username:
            users = list(User._default_manager.filter(email__iexact=username.strip())[:2])
            # An address shared by two accounts is ambiguous: refuse rather than guess.
            user = users[0] if len(users) == 1 else None
        else:
            user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            User().set_password(password)  # same work either way, against timing probes
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The session's user with their membership, if any, in one query: every page of the
        members' area reads it (`members.access.member_of`)."""
        User = get_user_model()
        try:
            user = User._default_manager.select_related("member").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def lockout_username(request, credentials):
    """The name django-axes counts failures against: trimmed and lower-cased, so
    'Ana@Example.org' and 'ana@example.org ' share one counter."""
    if credentials:
        value = credentials.get("username")
    else:
        value = request.POST.get("username") if request is not None else None
    return (value or "").strip().lower() or None
