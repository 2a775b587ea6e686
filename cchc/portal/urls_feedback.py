"""Public pages of citizen voice, mounted at /cong-khai/phan-anh/ (no login)."""

from django.urls import path, re_path

from cchc.portal import views_feedback as views

app_name = "feedback_public"
CODE = r"(?P<code>PA\d{2}-[0-9A-Z]{6})"
urlpatterns = [
    path("", views.published, name="published"),
    path("gui/", views.submit, name="submit"),
    path("da-gui/", views.submitted, name="submitted"),
    path("theo-doi/", views.track, name="track"),
    path("so-lieu/", views.public_figures, name="figures"),
    re_path(rf"^theo-doi/{CODE}/$", views.track_detail, name="track_detail"),
    re_path(rf"^theo-doi/{CODE}/danh-gia/$", views.track_rate, name="track_rate"),
    re_path(rf"^theo-doi/{CODE}/xem-xet-lai/$", views.track_reopen, name="track_reopen"),
    re_path(rf"^theo-doi/{CODE}/bo-sung/$", views.track_supplement, name="track_supplement"),
    re_path(rf"^{CODE}/$", views.published_detail, name="published_detail"),
]
