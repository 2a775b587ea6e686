"""Public pages of a unit's website, mounted at /cong-khai/don-vi/ (no login): its documents, and the
widgets its own website frames (``nhung/…``)."""

from django.urls import path

from cchc.portal import views_unitsite as views

app_name = "unitsite_public"
urlpatterns = [
    path("<int:unit_id>/van-ban/", views.documents, name="documents"),
    path("<int:unit_id>/van-ban/<int:document_id>/", views.document_detail, name="document_detail"),
    path("<int:unit_id>/van-ban/<int:document_id>/tep/", views.document_file, name="document_file"),
    path("<int:unit_id>/nhung/van-ban/", views.widget_documents, name="widget_documents"),
    path("<int:unit_id>/nhung/tre-han/", views.widget_late, name="widget_late"),
    path("<int:unit_id>/nhung/tra-cuu/", views.widget_lookup, name="widget_lookup"),
    path("<int:unit_id>/nhung/phan-anh/", views.widget_petition, name="widget_petition"),
    path("<int:unit_id>/nhung/hai-long/", views.widget_satisfaction, name="widget_satisfaction"),
]
