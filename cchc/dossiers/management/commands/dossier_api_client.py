"""``cchc dossier-api-client create --name NAME --jurisdiction CODE | list | revoke --name NAME``.

``create`` prints the new token once (only its SHA-256 is kept, so a lost token is revoked and a new
one issued). Bad input: a Vietnamese message on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from cchc.dossiers.actions.api_clients import issue_client, revoke_client
from cchc.dossiers.api_auth import ClientError
from cchc.dossiers.models import ApiClient


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "—"


class Command(BaseCommand):
    help = "Cấp, liệt kê và thu hồi mã truy cập API cho các hệ thống một cửa gửi hồ sơ."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", metavar="create|list|revoke")
        create = sub.add_parser("create", help="cấp mã truy cập cho một hệ thống mới")
        create.add_argument("--name", default="", help="tên hệ thống, ví dụ «Một cửa điện tử Phường 1»")
        create.add_argument("--jurisdiction", default="", help="mã địa bàn, ví dụ 747 hoặc 747-P1")
        sub.add_parser("list", help="liệt kê các hệ thống (không hiện mã truy cập)")
        revoke = sub.add_parser("revoke", help="thu hồi mã truy cập của một hệ thống")
        revoke.add_argument("--name", default="", help="tên hệ thống")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts.get("action")
        try:
            if action == "create":
                if not opts["jurisdiction"].strip():
                    self.fail("Thiếu mã địa bàn (--jurisdiction), ví dụ 747 hoặc 747-P1.")
                issued = issue_client(opts["name"], opts["jurisdiction"])
                c = issued.client
                self.stdout.write(
                    f"Đã cấp mã truy cập cho hệ thống «{c.name}» (địa bàn {c.jurisdiction.code})."
                )
                self.stdout.write("Mã truy cập (chỉ hiện một lần, hãy lưu lại ngay):")
                self.stdout.write(issued.token)
            elif action == "revoke":
                if not opts["name"].strip():
                    self.fail("Thiếu tên hệ thống cần thu hồi (--name).")
                c = revoke_client(opts["name"])
                self.stdout.write(f"Đã thu hồi mã truy cập của hệ thống «{c.name}».")
            elif action == "list":
                self._list()
            else:
                self.fail("Cần chọn một việc: create, list hoặc revoke (cchc dossier-api-client --help).")
        except ClientError as exc:
            self.fail(str(exc))

    def _list(self) -> None:
        clients = ApiClient.objects.select_related("jurisdiction").order_by("name")
        if not clients:
            self.stdout.write("Chưa cấp mã truy cập cho hệ thống nào.")
            return
        for c in clients:
            state = f"đã thu hồi {_when(c.revoked_at)}" if c.revoked_at else "đang dùng"
            self.stdout.write(
                f"{c.name}\tđịa bàn {c.jurisdiction.code}\tmã {c.token_prefix}…\t{state}"
                f"\tcấp {_when(c.created_at)}\tdùng lần cuối {_when(c.last_used_at)}"
            )
