from django.urls import path

from cchc.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="proposal_list"),
    path("moi/", views.proposal_create, name="proposal_create"),
    path("<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("<int:proposal_id>/sua/", views.proposal_edit, name="proposal_edit"),
    path("<int:proposal_id>/gui/", views.proposal_submit, name="proposal_submit"),
    path("<int:proposal_id>/tham-dinh/", views.proposal_review, name="proposal_review"),
    path("<int:proposal_id>/quyet-dinh/", views.proposal_decide, name="proposal_decide"),
    path("ra-soat/", views.register, name="register"),
    path("ra-soat/them/", views.register_add, name="register_add"),
]
