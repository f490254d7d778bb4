"""The members' area, under /<lang>/members/. Every response is private and never cached."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.cache import never_cache

from coopsite.ratelimits import CLOSED, rate_limit

from . import access, audit_views, decision_views, language, views
from .forms import EmailLoginForm, PasswordResetForm
from .manual import views as manual_views
from .search import members_search

app_name = "members"


def private(route, view, name):
    """A path whose responses say `Cache-Control: private, no-store` (and no-cache)."""
    return path(route, never_cache(view), name=name)


auth = [
    private(
        "login/",
        auth_views.LoginView.as_view(
            template_name="members/login.html",
            authentication_form=EmailLoginForm,
            redirect_authenticated_user=True,
            next_page=reverse_lazy("members:home"),
        ),
        "login",
    ),
    private(
        "logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("members:login")),
        "logout",
    ),
    private(
        "password/change/",
        access.member_view(*access.ANY)(
            auth_views.PasswordChangeView.as_view(
                template_name="members/password_change.html",
                success_url=reverse_lazy("members:password_change_done"),
            )
        ),
        "password_change",
    ),
    private(
        "password/change/done/",
        access.member_view(*access.ANY)(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="members/password_change_done.html"
            )
        ),
        "password_change_done",
    ),
    private(
        "password/reset/",
        # Each request can send an email: limited per address and per email typed in, and
        # refused (503) rather than left unlimited while Redis is down.
        rate_limit("password-reset-ip", key="ip", store_down=CLOSED)(
            rate_limit("password-reset-email", key="email", store_down=CLOSED)(
                auth_views.PasswordResetView.as_view(
                    form_class=PasswordResetForm,
                    template_name="members/password_reset.html",
                    email_template_name="members/emails/password_reset.txt",
                    subject_template_name="members/emails/password_reset_subject.txt",
                    success_url=reverse_lazy("members:password_reset_done"),
                )
            )
        ),
        "password_reset",
    ),
    private(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="members/password_reset_done.html"),
        "password_reset_done",
    ),
    private(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="members/password_reset_confirm.html",
            success_url=reverse_lazy("members:password_reset_complete"),
        ),
        "password_reset_confirm",
    ),
    private(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="members/password_reset_complete.html"
        ),
        "password_reset_complete",
    ),
]

area = [
    private("", views.home, "home"),
    private("join/", views.join, "join"),
    private("dashboard/", views.dashboard, "dashboard"),
    private("application/", views.application, "application"),
    private("goodbye/", views.goodbye, "goodbye"),
    private("application/withdraw/", views.withdraw_application, "withdraw_application"),
    private("people/<int:pk>/", views.member_detail, "member"),
    private("leave/", views.leave, "leave"),
    private("proposals/", views.proposal_list, "proposals"),
    private("proposals/new/", views.proposal_new, "proposal_new"),
    private("proposals/new/<slug:kind>/", views.proposal_new, "proposal_new_kind"),
    private("proposals/<int:pk>/", views.proposal_detail, "proposal"),
    private("proposals/<int:pk>/vote/", views.vote, "vote"),
    private("proposals/<int:pk>/comment/", views.comment, "comment"),
    private("proposals/<int:pk>/withdraw/", views.withdraw, "withdraw"),
    private("proposals/<int:pk>/log/", views.proposal_log, "proposal_log"),
    private("log/", audit_views.audit_log_view, "audit_log"),
    private("decisions/", decision_views.decision_list, "decisions"),
    private("decisions/<int:pk>/", decision_views.decision_detail, "decision"),
    private("language/", language.choose_language, "language"),
]

manual = [
    private("search/", members_search, "search"),
    private("manual/", manual_views.manual_home, "manual"),
    private("manual/print/", manual_views.manual_print, "manual_print"),
    private("manual/versions/", manual_views.manual_versions, "manual_versions"),
    private("manual/versions/<int:number>/", manual_views.manual_version, "manual_version"),
    private("manual/diff/", manual_views.manual_diff, "manual_diff"),
    private("manual/acknowledge/", manual_views.manual_acknowledge, "manual_acknowledge"),
    private("manual/amend/", manual_views.manual_amend, "manual_amend"),
    private("manual/amendments/<int:pk>/", manual_views.manual_amendment, "manual_amendment"),
    private("manual/amendments/<int:pk>/rebase/", manual_views.manual_rebase, "manual_rebase"),
    private("manual/public/", manual_views.manual_public, "manual_public"),
]

urlpatterns = auth + area + manual
