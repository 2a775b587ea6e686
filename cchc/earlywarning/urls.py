from django.urls import path

from cchc.earlywarning import views

app_name = "earlywarning"

urlpatterns = [
    path("", views.at_risk_list, name="list"),
    path("<int:pk>/giao-lai/", views.reassign, name="reassign"),
    path("do-tin-cay/", views.backtest, name="backtest"),
]
