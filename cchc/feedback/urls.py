"""Staff screens of citizen voice, mounted at /phan-anh/. Every route here is enumerated by
``test_permissions_every_url``: a new route without a permission case fails the tests."""

from django.urls import path, re_path

from cchc.feedback import views, views_figures, views_keys, views_meetings

app_name = "feedback"
CODE = r"(?P<code>PA\d{2}-[0-9A-Z]{6})"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("moi/", views.petition_new, name="new"),
    path("so-lieu/", views_figures.figures, name="figures"),
    path("mat-tran/", views_meetings.meetings, name="meetings"),
    path("mat-tran/moi/", views_meetings.meeting_new, name="meeting_new"),
    path("mat-tran/<int:pk>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("khoa-open311/", views_keys.keys, name="keys"),
    path("khoa-open311/<int:pk>/thu-hoi/", views_keys.key_revoke, name="key_revoke"),
    re_path(rf"^{CODE}/$", views.petition_detail, name="detail"),
    re_path(rf"^{CODE}/tep/(?P<pk>\d+)/$", views.attachment, name="attachment"),
    re_path(rf"^{CODE}/van-ban/(?P<pk>\d+)/(?P<fmt>docx|pdf)/$", views.document, name="document"),
    re_path(rf"^{CODE}/xu-ly/(?P<action>[a-z-]+)/$", views.act, name="act"),
]
