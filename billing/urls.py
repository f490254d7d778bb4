"""Members' billing pages, under /<lang>/members/billing/. Private and never cached."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import fund_views, views

app_name = "billing"

urlpatterns = [
    path("", never_cache(views.finances), name="finances"),
    path("cycles/<int:pk>/", never_cache(views.finances), name="cycle"),
    path("cycles/<int:pk>/finances.csv", never_cache(views.finances_csv), name="cycle_csv"),
    path("drafts/<int:pk>/propose/", never_cache(views.propose_budget), name="propose_budget"),
    path("cycles/<int:pk>/amend/", never_cache(views.draft_amendment), name="draft_amendment"),
    path("pay/", never_cache(views.setup_payment), name="setup_payment"),
    path("manage/", never_cache(views.manage_payment), name="manage_payment"),
    path("funds/", never_cache(fund_views.fund_list), name="funds"),
    path("funds/propose/", never_cache(fund_views.fund_propose), name="fund_propose"),
    path(
        "funds/allocations/<int:pk>/pay/",
        never_cache(fund_views.pay_allocation),
        name="pay_allocation",
    ),
    path("ce/", never_cache(fund_views.ce_requests), name="ce_requests"),
    path("ce/new/", never_cache(fund_views.ce_request_new), name="ce_request_new"),
    path("ce/<int:pk>/", never_cache(fund_views.ce_request_detail), name="ce_request"),
]
