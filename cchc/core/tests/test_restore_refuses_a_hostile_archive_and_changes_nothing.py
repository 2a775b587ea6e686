"""``cchc restore`` of an archive made to hurt: a manifest nested 100,000 deep, a manifest whose figures
are not numbers or a database copy that is not a database (both restored, then a traceback while
comparing), a member named ``../…``, a compressed tar bomb, a member whose header claims more bytes than
the file holds. Each is refused before anything
is written, with a Vietnamese message, and the command exits 2 (the damaged and truncated archives of
``test_backup_round_trip…`` stay there)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from cchc.core.backup import FORMAT, MANIFEST, SQLITE_COPY, VERSION, RestoreRefused, restore

DB = b"SQLite format 3\x00" + b"\x00" * 1000


def manifest(**override: Any) -> bytes:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "engine": "sqlite",
        "members": {SQLITE_COPY: hashlib.sha256(DB).hexdigest()},
        "tables": {"org_unit": 3},
        "samples": {},
    }
    body.update(override)
    return json.dumps(body).encode()


def tar_of(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def claims_more_than_it_holds() -> bytes:
    """A header that says 4 GiB in front of 1 KiB of data."""
    good = tar_of([(MANIFEST, manifest()), (SQLITE_COPY, DB)])
    at = 512 + ((len(manifest()) + 511) // 512) * 512  # the second member's header
    info = tarfile.TarInfo(SQLITE_COPY)
    info.size = 4 * 1024**3 - 1
    return good[:at] + info.tobuf(tarfile.USTAR_FORMAT) + good[at + 512 :]


def gzip_bomb() -> bytes:
    # A compressed tar: 200 MB of zeros in 200 KB. ``r:`` never decompresses it.
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        for _ in range(200):
            gz.write(b"\x00" * 1024 * 1024)
    return buf.getvalue()


HOSTILE = {
    "a manifest nested 100,000 deep": (
        lambda: tar_of([(MANIFEST, b"[" * 100_000 + b"]" * 100_000), (SQLITE_COPY, DB)]),
        "Bản kê nội dung",
    ),
    "a manifest whose counts are text": (
        lambda: tar_of([(MANIFEST, manifest(tables={"org_unit": "ba"})), (SQLITE_COPY, DB)]),
        "không phải bản sao lưu CCHC",
    ),
    "a manifest whose digests are numbers": (
        lambda: tar_of([(MANIFEST, manifest(members={SQLITE_COPY: 7})), (SQLITE_COPY, DB)]),
        "không phải bản sao lưu CCHC",
    ),
    "a member that climbs out of the folder": (
        lambda: tar_of(
            [
                (
                    MANIFEST,
                    manifest(members={SQLITE_COPY: hashlib.sha256(DB).hexdigest(), "media/../../x": ""}),
                ),
                (SQLITE_COPY, DB),
                ("media/../../x", b"owned"),
            ]
        ),
        "mục lạ",
    ),
    "a database copy that is not a database": (
        lambda: tar_of([(MANIFEST, manifest()), (SQLITE_COPY, DB)]),
        "Cơ sở dữ liệu trong tệp sao lưu bị hỏng",
    ),
    "a compressed tar bomb": (gzip_bomb, "không đọc được"),
    "a member claiming 4 GiB in a 3 KiB file": (claims_more_than_it_holds, "bị cắt cụt"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_the_archive_is_refused_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    build, says = HOSTILE[case]
    bad = tmp_path / "doc-hai.cchc-backup"
    bad.write_bytes(build())
    target = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
    media = tmp_path / "restored-media"

    with pytest.raises(RestoreRefused) as refused:
        restore(bad, target, media)

    assert says in str(refused.value)
    assert not Path(target["NAME"]).exists() and not media.exists()
    assert [p.name for p in tmp_path.iterdir()] == [bad.name]


@pytest.mark.parametrize("case", ["a manifest nested 100,000 deep", "a compressed tar bomb"])
def test_the_restore_command_exits_2_without_a_traceback(tmp_path: Path, case: str) -> None:
    bad = tmp_path / "doc-hai.cchc-backup"
    bad.write_bytes(HOSTILE[case][0]())
    with override_settings(MEDIA_ROOT=tmp_path / "m"), pytest.raises(CommandError) as failed:
        call_command("restore", str(bad))
    assert failed.value.returncode == 2
    assert "sao lưu" in str(failed.value)
