"""The members' side of events, under /<lang>/members/events/. Every response is private,
a 404 too (an exception would pass by `never_cache` and leave the answer cacheable)."""

from functools import wraps

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

app_name = "events"


def private(route, view, name):
    @wraps(view)
    def answering_not_found(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return render(request, "404.html", status=404)

    return path(route, never_cache(answering_not_found), name=name)


urlpatterns = [
    private("", views.my_events, "mine"),
    private("calendar/reset/", views.reset_feed, "reset_feed"),
    private("<int:page_id>/rsvp/", views.answer, "rsvp"),
    private("<int:page_id>/attendance/", views.attendance, "attendance"),
    private("ce/<int:credit_id>/certificate/", views.certificate, "certificate"),
]
