"""``cchc open311-key create --name NAME [--jurisdiction CODE] [--purpose open311|ioc]`` prints a new key
(an Open311 api_key, or an operations-centre key for /ioc/v1/);
``cchc open311-key list`` and ``cchc open311-key revoke --prefix PREFIX`` manage them."""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from cchc.feedback.actions.citizen import create_key, revoke_key
from cchc.feedback.models import ApiKey, KeyPurpose
from cchc.feedback.routing import public_jurisdiction
from cchc.org.models import Jurisdiction

ACTOR = "cchc open311-key"


class Command(BaseCommand):
    help = (
        "Cấp, liệt kê, thu hồi khoá kết nối: Open311 (gửi phản ánh) và IOC (trung tâm điều hành đọc số liệu)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="cấp khoá mới (in khoá ra một lần)")
        create.add_argument("--name", required=True, help="tên ứng dụng")
        create.add_argument("--jurisdiction", help="mã địa bàn (mặc định: địa bàn tiếp nhận phản ánh)")
        create.add_argument(
            "--purpose",
            choices=[p.value for p in KeyPurpose],
            default=KeyPurpose.OPEN311.value,
            help="open311: ứng dụng gửi phản ánh; ioc: trung tâm điều hành đọc số liệu (/ioc/v1/)",
        )
        sub.add_parser("list", help="liệt kê các khoá")
        revoke = sub.add_parser("revoke", help="thu hồi khoá")
        revoke.add_argument("--prefix", required=True, help="tiền tố khoá, ví dụ o311_AbCdEf")

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        if action == "create":
            code = opts.get("jurisdiction")
            area = Jurisdiction.objects.filter(code=code).first() if code else public_jurisdiction()
            if area is None:
                self.fail(
                    f"Không có địa bàn mã «{code}»." if code else "Chưa có địa bàn nào có lĩnh vực phản ánh."
                )
            try:
                _, raw = create_key(ACTOR, name=opts["name"], jurisdiction=area, purpose=opts["purpose"])
            except ValidationError as exc:
                self.fail(" ".join(exc.messages))
            self.stdout.write(raw)
            return
        if action == "list":
            for k in ApiKey.objects.select_related("jurisdiction").order_by("-created_at"):
                state = f"thu hồi {k.revoked_at:%d/%m/%Y}" if k.revoked_at else "đang dùng"
                self.stdout.write(
                    f"{k.prefix}…\t{k.purpose}\t{k.name}\t{k.jurisdiction.code}\t{k.created_at:%d/%m/%Y}\t{state}"
                )
            return
        matches = list(ApiKey.objects.filter(prefix__startswith=opts["prefix"], revoked_at__isnull=True))
        if len(matches) != 1:
            self.fail("Không tìm thấy đúng một khoá đang dùng có tiền tố này.")
        revoke_key(ACTOR, matches[0])
        self.stdout.write(f"Đã thu hồi khoá của «{matches[0].name}».")
