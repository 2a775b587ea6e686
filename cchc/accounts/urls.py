from django.urls import path

from cchc.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.login_view, name="login"),
    path("xac-thuc/", views.otp_view, name="otp"),
    path("thiet-lap-xac-thuc/", views.enrol_view, name="enrol"),
    path("dang-xuat/", views.logout_view, name="logout"),
    path("bao-mat/", views.security_view, name="security"),
    path("quen-mat-khau/", views.reset_request_view, name="password_reset"),
    path("quen-mat-khau/da-gui/", views.reset_done_view, name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", views.reset_confirm_view, name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/", views.reset_complete_view, name="password_reset_complete"),
]
