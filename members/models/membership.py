"""Members of the co-op: one per user account, with a status and dated history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Roles are Django groups, so Wagtail's admin can grant them and permissions can hang off them.
ROLE_TREASURER = "Treasurer"
ROLE_ADMIN_STAFF = "Admin staff"
ROLE_PARENT_REPRESENTATIVE = "Parent-company representative"
ROLES = (ROLE_TREASURER, ROLE_ADMIN_STAFF, ROLE_PARENT_REPRESENTATIVE)


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Member.Status.ACTIVE)


class Member(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        LEAVING = "leaving", _("Leaving")
        FORMER = "former", _("Former")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="member",
        help_text=_("The account this member logs in with."),
    )
    status = models.CharField(
        max_length=16,
        choices=Status.choices,
        default=Status.APPLICANT,
        db_index=True,
        help_text=_(
            "Applicants wait for the onboarding vote; active members vote; leaving members "
            "have left but are still owed a surplus share; former members have gone."
        ),
    )
    display_name = models.CharField(
        max_length=120, help_text=_("The name other members see, e.g. 'Ana Ruiz, LMHC'.")
    )
    profession = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Licence or role, e.g. 'Licensed mental health counselor'."),
    )
    license_number = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The applicant's professional license number, for members to check."),
    )
    license_state = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("The state that issued the license, e.g. 'Washington'."),
    )
    application_text = models.TextField(
        blank=True,
        help_text=_("What the applicant wrote about their practice when applying."),
    )
    applied_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the application was sent.")
    )
    joined_on = models.DateField(
        null=True, blank=True, help_text=_("The day the member became active.")
    )
    left_on = models.DateField(
        null=True, blank=True, help_text=_("The day the member left or the contract ended.")
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language of this member's members' area and of every email the co-op sends "
            "them. Blank: emails in English, and the members' area in the language of the link."
        ),
    )
    profile_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member's page in the provider directory, if there is one."),
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.display_name or self.user.get_username()

    @property
    def email(self):
        return self.user.email

    @property
    def is_active_member(self):
        return self.status == self.Status.ACTIVE

    @property
    def has_left(self):
        return self.status in (self.Status.LEAVING, self.Status.FORMER)

    @property
    def email_language(self):
        """The language to write to this member in."""
        return self.language or settings.LANGUAGE_CODE

    def has_role(self, role):
        return self.user.groups.filter(name=role).exists()
