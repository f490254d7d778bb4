"""A URLconf with a view that fails, to see what visitors get from a server error."""

from django.urls import path

from coopsite.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
