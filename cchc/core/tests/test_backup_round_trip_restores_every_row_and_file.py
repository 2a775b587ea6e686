"""cchc backup / cchc restore: a round trip gives the same rows and files (checked against the manifest);
a corrupt or truncated archive, or a target that is not empty, is refused with a Vietnamese message and
exit status 2, and the target is left as it was. Runs on the suite's engine (SQLite by default,
PostgreSQL when DATABASE_URL says so)."""

from __future__ import annotations

import sqlite3
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from cchc.core.backup import RestoreRefused, backup, restore
from cchc.testing.personas import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def target(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Settings of a fresh, empty database to restore into."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        name = f"{settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
        settings_dict["NAME"] = name
        yield settings_dict
        with connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings_dict


def restored_tables(settings_dict: dict[str, Any]) -> set[str]:
    if connection.vendor == "postgresql":
        import psycopg

        with psycopg.connect(
            dbname=settings_dict["NAME"],
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
            user=settings_dict["USER"] or None,
            password=settings_dict["PASSWORD"] or None,
        ) as conn:
            return {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    path = Path(settings_dict["NAME"])
    if not path.exists():
        return set()
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def unit_names(settings_dict: dict[str, Any]) -> set[str]:
    if connection.vendor == "postgresql":
        import psycopg

        with psycopg.connect(
            dbname=settings_dict["NAME"],
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
            user=settings_dict["USER"] or None,
            password=settings_dict["PASSWORD"] or None,
        ) as conn:
            return {r[0] for r in conn.execute("SELECT name FROM org_unit")}
    with sqlite3.connect(settings_dict["NAME"]) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM org_unit")}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    build_world()
    media = tmp_path / "media"
    (media / "directives" / "2026").mkdir(parents=True)
    (media / "directives" / "2026" / "chi-thi.pdf").write_bytes(b"%PDF-1.4 chi thi 7190\n" * 100)
    (media / "training" / "tai-lieu.docx").parent.mkdir(parents=True)
    (media / "training" / "tai-lieu.docx").write_bytes(bytes(range(256)) * 40)
    path = tmp_path / "sao-luu.cchc-backup"
    backup(path, connection.settings_dict, media)
    return path


def test_a_round_trip_restores_every_table_sampled_record_and_file(
    archive: Path, target: dict[str, Any], tmp_path: Path
) -> None:
    report = restore(archive, target, tmp_path / "restored-media")

    assert report.differences == []
    assert report.files == 2
    assert report.rows > 0 and report.tables == report.sampled_tables
    assert "UBND Phường 1" in unit_names(target)
    assert (
        (tmp_path / "restored-media" / "directives" / "2026" / "chi-thi.pdf").read_bytes().startswith(b"%PDF")
    )


def test_a_restore_notices_a_record_that_differs_from_the_backup(
    archive: Path, target: dict[str, Any], tmp_path: Path
) -> None:
    from cchc.org.models import Unit

    Unit.objects.filter(name="UBND Phường 1").update(name="Đổi sau khi sao lưu")
    second = tmp_path / "lan-hai.cchc-backup"
    backup(second, connection.settings_dict, tmp_path / "media")
    with tarfile.open(archive) as old, tarfile.open(second) as new:
        old_manifest = old.extractfile("manifest.json").read()  # type: ignore[union-attr]
        new_manifest = new.extractfile("manifest.json").read()  # type: ignore[union-attr]
    assert old_manifest != new_manifest  # the sample digests see the change


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not_a_tar", "empty"])
def test_a_damaged_archive_is_refused_in_vietnamese_and_changes_nothing(
    archive: Path, target: dict[str, Any], tmp_path: Path, damage: str
) -> None:
    data = archive.read_bytes()
    bad = tmp_path / "hong.cchc-backup"
    if damage == "truncated":
        bad.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "flipped":
        middle = 2048 + 10  # inside the first member's data, past its tar header
        bad.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    elif damage == "not_a_tar":
        bad.write_bytes("Đây không phải bản sao lưu\x00".encode() * 50)
    else:
        bad.write_bytes(b"")
    media = tmp_path / "restored-media"

    with pytest.raises(RestoreRefused) as refused:
        restore(bad, target, media)

    assert "sao lưu" in str(refused.value)
    assert restored_tables(target) == set()
    assert not media.exists()


def test_a_target_that_is_not_empty_is_refused(archive: Path, target: dict[str, Any], tmp_path: Path) -> None:
    restore(archive, target, tmp_path / "first")
    before = restored_tables(target)

    with pytest.raises(RestoreRefused, match="khôi phục vào"):
        restore(archive, target, tmp_path / "second")
    assert restored_tables(target) == before
    assert not (tmp_path / "second").exists()


def test_a_media_folder_that_is_not_empty_is_refused(
    archive: Path, target: dict[str, Any], tmp_path: Path
) -> None:
    media = tmp_path / "used"
    media.mkdir()
    (media / "old.txt").write_text("cũ")

    with pytest.raises(RestoreRefused, match="không trống"):
        restore(archive, target, media)
    assert restored_tables(target) == set()


def test_the_restore_command_exits_with_status_2_on_a_truncated_archive(
    archive: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "cut.cchc-backup"
    bad.write_bytes(archive.read_bytes()[:5000])
    with override_settings(MEDIA_ROOT=tmp_path / "m"), pytest.raises(CommandError) as failed:
        call_command("restore", str(bad))
    assert failed.value.returncode == 2
    assert "bị hỏng" in str(failed.value) or "cắt cụt" in str(failed.value)


def test_the_backup_command_refuses_to_overwrite_an_archive(archive: Path) -> None:
    with pytest.raises(CommandError) as failed:
        call_command("backup", str(archive))
    assert failed.value.returncode == 2
    assert "đã có" in str(failed.value)


def test_a_restore_into_a_database_that_does_not_exist_is_refused(archive: Path, tmp_path: Path) -> None:
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        settings_dict["NAME"] = f"{settings_dict['NAME']}_chua_tao"
    else:
        settings_dict["NAME"] = "file:memorydb_khong_co?mode=memory&cache=shared"
    with pytest.raises(RestoreRefused):
        restore(archive, settings_dict, tmp_path / "restored-media")
    assert not (tmp_path / "restored-media").exists()
