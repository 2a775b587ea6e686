"""The dossier statuses' names (``cchc.lib.outcomes.STATUS_NAMES``, the national catalogue's wording)
marked for translation, so that the English catalogue holds them: lib/ is pure Python and cannot mark
them itself. ``tests/test_status_names_are_marked_for_translation.py`` keeps the two lists equal."""

from django.utils.translation import gettext_noop

STATUS_NAMES_MARKED = (
    gettext_noop("Mới đăng ký"),
    gettext_noop("Được tiếp nhận"),
    gettext_noop("Không được tiếp nhận"),
    gettext_noop("Đang xử lý"),
    gettext_noop("Yêu cầu bổ sung giấy tờ"),
    gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính"),
    gettext_noop("Công dân yêu cầu rút hồ sơ"),
    gettext_noop("Dừng xử lý"),
    gettext_noop("Đã xử lý xong"),
    gettext_noop("Đã trả kết quả"),
)
