"""Staff dossier screens, mounted at /ho-so/. Every route here is enumerated by
``test_permissions_every_url`` so a new one without a permission case fails the tests."""

from django.urls import path

from cchc.dossiers import views, views_consent, views_files, views_interagency, views_latelist

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tre-han/", views.late_dossiers, name="late"),
    path("xep-hang/don-vi/", views.league_units, name="league_units"),
    path("xep-hang/can-bo/", views.league_officials, name="league_officials"),
    path("lien-thong/", views_interagency.interagency_ranking, name="interagency"),
    path("lien-thong/buoc-qua-han/", views_interagency.interagency_steps, name="interagency_steps"),
    path("danh-sach-tre-han/", views_latelist.latelist_index, name="latelist_index"),
    path("danh-sach-tre-han/lap/", views_latelist.latelist_draft, name="latelist_draft"),
    path("danh-sach-tre-han/<int:pk>/", views_latelist.latelist_detail, name="latelist_detail"),
    path("danh-sach-tre-han/<int:pk>/phe-duyet/", views_latelist.latelist_approve, name="latelist_approve"),
    path("danh-sach-tre-han/<int:pk>/cong-khai/", views_latelist.latelist_publish, name="latelist_publish"),
    path("danh-sach-tre-han/<int:pk>/thu-hoi/", views_latelist.latelist_withdraw, name="latelist_withdraw"),
    path("danh-sach-tre-han/<int:pk>/tai/<str:fmt>/", views_files.latelist_file, name="latelist_file"),
    path("ho-so/<str:code>/", views.dossier_detail, name="detail"),
    path("ho-so/<str:code>/xin-loi/", views.apology_new, name="apology_new"),
    path("ho-so/<str:code>/thong-bao/", views_consent.dossier_messages, name="messages"),
    path("ho-so/<str:code>/xin-loi/<int:pk>.docx", views.apology_docx, name="apology_docx"),
    path("ho-so/<str:code>/xin-loi/<int:pk>.pdf", views.apology_pdf, name="apology_pdf"),
]
