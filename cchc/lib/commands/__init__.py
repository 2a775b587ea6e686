"""Commands that need neither Django nor a database: they read files and print figures, so they run with
no environment at all (no SECRET_KEY, no DATABASE_URL).

``PURE_COMMANDS`` maps each command's name on the ``cchc`` command line to the module whose
``main(argv) -> int`` runs it and to its one-line summary; ``cchc/__main__.py`` dispatches to them
before loading Django.
"""

from __future__ import annotations

from typing import Final

PURE_COMMANDS: Final = {
    "index-766": (
        "cchc.lib.commands.index_766",
        "Chỉ số Quyết định 766 của từng đơn vị trong một kỳ, tính từ tệp hồ sơ (không cần cơ sở dữ liệu)",
    ),
    "report-tthc": (
        "cchc.lib.commands.report_tthc",
        "Báo cáo tình hình, kết quả giải quyết TTHC trong một kỳ, JSON hoặc XLSX theo biểu mẫu",
    ),
}
