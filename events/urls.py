"""The members' side of events, under /<lang>/members/events/. Every response is private."""

from members.urls import private

from . import views

app_name = "events"

urlpatterns = [
    private("", views.my_events, "mine"),
    private("calendar/reset/", views.reset_feed, "reset_feed"),
    private("<int:page_id>/rsvp/", views.answer, "rsvp"),
    private("<int:page_id>/attendance/", views.attendance, "attendance"),
    private("ce/<int:credit_id>/certificate/", views.certificate, "certificate"),
]
