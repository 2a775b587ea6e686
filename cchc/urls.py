from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

admin.site.site_header = "Quản trị hệ thống CCHC"
admin.site.site_title = "CCHC"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("cchc.core.urls")),
    path("tai-khoan/", include("cchc.accounts.urls")),
    path("to-chuc/", include("cchc.org.urls")),
    path("lich/", include("cchc.calendar.urls")),
    path("ho-so/nhap/", include("cchc.dossiers.urls_import")),
    path("ho-so/", include("cchc.dossiers.urls")),
    path("cong-khai/", include("cchc.portal.urls")),
    path("quan-tri/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
