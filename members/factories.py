"""Builders for members, used by tests and by the demo. Plain functions: no test-only deps."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from .models import Member

_counter = itertools.count(1)


def make_member(
    name=None,
    *,
    status=Member.Status.ACTIVE,
    email=None,
    username=None,
    password=None,
    roles=(),
    profession="Licensed mental health counselor",
    **fields,
):
    """Create a user and their membership. Without a password the account cannot log in."""
    n = next(_counter)
    name = name or f"Test Member {n}"
    slug = name.lower().replace(" ", ".").replace(",", "")
    username = username or f"{slug}.{n}"
    email = email or f"{username}@members.example"
    User = get_user_model()
    user = User.objects.create_user(username=username, email=email, password=password)
    if roles:
        user.groups.add(*[Group.objects.get_or_create(name=role)[0] for role in roles])
    if status == Member.Status.ACTIVE:
        fields.setdefault("joined_on", timezone.localdate())
    if status in (Member.Status.LEAVING, Member.Status.FORMER):
        fields.setdefault("left_on", timezone.localdate())
    return Member.objects.create(
        user=user, status=status, display_name=name, profession=profession, **fields
    )
