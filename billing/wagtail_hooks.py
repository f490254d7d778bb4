"""Billing in the Wagtail admin: cycles and budget lines, expenses with receipts, payments
recorded by the treasurer, refunds (manual ones marked paid there) and the close action."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from members.choosers import checked_chooser_viewset
from members.models import Member

from . import tasks
from .forms import CycleAdminForm
from .models import Cycle, Expense, Payment, Refund, Supplier
from .views import READERS


class CycleViewSet(SnippetViewSet):
    model = Cycle
    icon = "date"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Fee cycles")
    list_display = ["__str__", "status", "member_count", "fee_cents", "surplus_cents"]
    # A planned cycle is a draft budget (the next cycle's, or a change to the open one's);
    # members put it to the vote from the finances page. What opened, was adopted or is being
    # voted on is refused here (CycleAdminForm).
    edit_handler = ObjectList(
        [
            FieldPanel("start"),
            FieldPanel("end"),
            FieldPanel("amends"),
            FieldPanel("status", read_only=True),
            FieldPanel("adopted_by", read_only=True),
            FieldPanel("member_count", read_only=True),
            FieldPanel("fee_cents", read_only=True),
            FieldPanel("surplus_cents", read_only=True),
            InlinePanel("budget_lines", label=_("Budget lines")),
        ],
        base_form_class=CycleAdminForm,
    )


class ExpenseViewSet(SnippetViewSet):
    model = Expense
    icon = "doc-full"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Expenses")
    list_display = ["date", "supplier", "payee", "category", "amount_cents", "cycle"]
    list_filter = ["cycle", "category", "supplier__is_cooperative"]
    search_fields = ["payee", "description"]


class SupplierViewSet(SnippetViewSet):
    """The treasurer marks which suppliers are cooperatives (principle 6's figure)."""

    model = Supplier
    icon = "group"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Suppliers")
    list_display = ["name", "is_cooperative", "url"]
    list_filter = ["is_cooperative"]
    search_fields = ["name"]


class PaymentViewSet(SnippetViewSet):
    model = Payment
    icon = "success"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Payments")
    list_display = ["member", "amount_cents", "paid_at", "method", "status", "cycle"]
    list_filter = ["cycle", "method", "status"]
    panels = [
        FieldPanel("member"),
        FieldPanel("cycle"),
        FieldPanel("amount_cents"),
        FieldPanel("paid_at"),
        FieldPanel("method"),
        FieldPanel("note"),
    ]


class RefundViewSet(SnippetViewSet):
    model = Refund
    icon = "redirect"
    chooser_viewset_class = checked_chooser_viewset()
    menu_label = _("Refunds")
    list_display = ["key", "member", "amount_cents", "status", "cycle"]
    list_filter = ["status", "cycle"]
    panels = [
        FieldPanel("key", read_only=True),
        FieldPanel("member", read_only=True),
        FieldPanel("payment", read_only=True),
        FieldPanel("amount_cents", read_only=True),
        # The treasurer marks a manual refund "paid" once the cheque or transfer is sent.
        FieldPanel("status"),
        FieldPanel("stripe_refund_id", read_only=True),
        FieldPanel("error", read_only=True),
    ]


class BillingGroup(SnippetViewSetGroup):
    menu_label = _("Finances")
    menu_icon = "table"
    menu_order = 260
    items = (CycleViewSet, ExpenseViewSet, SupplierViewSet, PaymentViewSet, RefundViewSet)


register_snippet(BillingGroup)


def close_cycles_view(request):
    """Open and closing cycles, and those closed in the last month, each with the progress
    of its close (a plain page: refreshing it shows how far the worker has got)."""
    if not request.user.has_perm("billing.change_cycle"):
        raise PermissionDenied
    cycles = Cycle.objects.filter(
        Q(status__in=[Cycle.Status.OPEN, Cycle.Status.CLOSING])
        | Q(status=Cycle.Status.CLOSED, closed_at__gte=timezone.now() - timedelta(days=31))
    ).order_by("-start")
    return TemplateResponse(
        request,
        "billing/admin/close_cycles.html",
        {"progress": [tasks.close_progress(cycle) for cycle in cycles]},
    )


def close_cycle_view(request, pk):
    """Enqueue the close; the refunds are issued by the worker, never in this request."""
    if request.method != "POST" or not request.user.has_perm("billing.change_cycle"):
        raise PermissionDenied
    cycle = get_object_or_404(Cycle, pk=pk)
    if cycle.status not in (Cycle.Status.OPEN, Cycle.Status.CLOSING):
        messages.error(request, _("%(cycle)s is not open.") % {"cycle": cycle})
    elif tasks.close_under_way(cycle.pk):
        messages.info(request, _("Closing %(cycle)s is already under way.") % {"cycle": cycle})
    else:
        tasks.close_cycle.enqueue(cycle.pk)
        messages.success(
            request,
            _("Closing %(cycle)s is under way. Refresh this page to follow its progress.")
            % {"cycle": cycle},
        )
    return redirect(reverse("billing_close_cycles"))


RECEIPTS_COLLECTION = "Receipts"  # billing.demo.receipts_collection makes it, login-only


@hooks.register("before_serve_document")
def receipts_for_members_and_the_treasurer(document, request):
    """Expense receipts are for the members who read the finances, the treasurer and
    superusers: not applicants, former members or editors. Anonymous visitors are left to the
    Receipts collection's login restriction (Wagtail's own hook, which runs after this one)."""
    is_receipt = (
        document.collection.name == RECEIPTS_COLLECTION
        or Expense.objects.filter(receipt=document).exists()
    )
    user = request.user
    if not is_receipt or not user.is_authenticated:
        return None
    if user.is_superuser or user.has_perm("billing.view_expense"):
        return None
    if Member.objects.filter(user=user, status__in=READERS).exists():
        return None
    raise PermissionDenied


class DocumentsAdminAPI(DocumentsAdminAPIViewSet):
    """Wagtail's admin API for documents, limited to the collections the user may work with.

    Wagtail's own lists every document to any admin user, so an editor could read the titles
    and details of expense receipts (found by tests/security/test_authz_matrix.py)."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_document_model())
        allowed = policy.collections_user_has_any_permission_for(
            self.request.user, ["add", "change", "choose"]
        )
        return super().get_queryset().filter(collection__in=allowed)


# After Wagtail's own registration of the endpoint (order 0), so this one replaces it.
@hooks.register("construct_admin_api", order=100)
def documents_admin_api_by_collection(router):
    router.register_endpoint("documents", DocumentsAdminAPI)


@hooks.register("register_admin_urls")
def register_close_urls():
    return [
        path("billing/close/", close_cycles_view, name="billing_close_cycles"),
        path("billing/close/<int:pk>/", close_cycle_view, name="billing_close_cycle"),
    ]


@hooks.register("register_admin_menu_item")
def register_close_menu_item():
    return MenuItem(
        _("Close a fee cycle"), reverse("billing_close_cycles"), icon_name="lock", order=261
    )
