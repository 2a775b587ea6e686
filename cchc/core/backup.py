"""Backup and restore of an installation: the database and the uploaded files in one archive, restored
into a fresh database and an empty media folder, then checked (docs/deploying.md, "Sao lưu và khôi phục").

The archive is an uncompressed tar holding

* ``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom``, already compressed) or
  ``database.sqlite3`` (SQLite: a copy made with SQLite's online backup API, readers and writers keep
  working meanwhile);
* ``media/…``: every file under MEDIA_ROOT;
* ``manifest.json`` (last): the engine, each member's SHA-256, the number of rows of every table and a
  digest of a sample of records per table (the first and last rows by the first column), all taken from
  the very snapshot that was dumped (PostgreSQL: ``pg_export_snapshot``; SQLite: the copy itself).

A restore first reads the whole archive and checks every member against the manifest; a truncated,
corrupt or foreign archive, or a target that is not empty, stops it with a Vietnamese message before
anything in the target is touched (``RestoreRefused``). PostgreSQL restores in one transaction
(``pg_restore --single-transaction --exit-on-error``); SQLite's file and the media folder are written
beside their targets and renamed into place. Then the restored counts, samples and files are compared with
the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "cchc-backup"
VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"
SAMPLE_ROWS = 5
CHUNK = 1 << 20


class RestoreRefused(Exception):
    """The archive or the target is not fit for a restore; nothing was changed (exit status 2)."""


class BackupFailed(Exception):
    """A backup or a restore could not finish (the tool's own message is kept)."""


@dataclass
class Inventory:
    """Rows per table and a digest of each table's sampled records."""

    counts: dict[str, int] = field(default_factory=dict)
    samples: dict[str, str] = field(default_factory=dict)


@dataclass
class RestoreReport:
    tables: int
    rows: int
    sampled_tables: int
    files: int
    differences: list[str]


def engine_of(settings_dict: dict[str, Any]) -> str:
    engine = str(settings_dict["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupFailed(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine}.")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- inventories ------------------------------------------------------------------------------


def sqlite_inventory(path: str, *, uri: bool = False) -> Inventory:
    inv = Inventory()
    conn = sqlite3.connect(path, uri=uri)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            inv.counts[name] = int(conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0])
            first = conn.execute(f"SELECT * FROM {quoted} ORDER BY 1 LIMIT {SAMPLE_ROWS}").fetchall()
            last = conn.execute(f"SELECT * FROM {quoted} ORDER BY 1 DESC LIMIT {SAMPLE_ROWS}").fetchall()
            inv.samples[name] = hashlib.sha256(repr((first, last)).encode()).hexdigest()
    finally:
        conn.close()
    return inv


def pg_inventory(cursor: Any) -> Inventory:
    """Counts and samples through an open psycopg cursor (inside the dump's snapshot when backing up).
    Records are compared as PostgreSQL's own text form, with the session settings that shape it fixed."""
    cursor.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1")
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    names = [r[0] for r in cursor.fetchall()]
    inv = Inventory()
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        cursor.execute(f"SELECT count(*) FROM {quoted}")
        inv.counts[name] = int(cursor.fetchone()[0])
        cursor.execute(
            f"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM "
            f"(SELECT * FROM {quoted} ORDER BY 1 LIMIT {SAMPLE_ROWS}) t"
        )
        first = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM "
            f"(SELECT * FROM {quoted} ORDER BY 1 DESC LIMIT {SAMPLE_ROWS}) t"
        )
        last = cursor.fetchone()[0]
        inv.samples[name] = hashlib.sha256(f"{first}\n--\n{last}".encode()).hexdigest()
    return inv


def pg_conninfo(settings_dict: dict[str, Any]) -> dict[str, str]:
    info = {
        "dbname": str(settings_dict.get("NAME") or ""),
        "user": str(settings_dict.get("USER") or ""),
        "password": str(settings_dict.get("PASSWORD") or ""),
        "host": str(settings_dict.get("HOST") or ""),
        "port": str(settings_dict.get("PORT") or ""),
    }
    return {k: v for k, v in info.items() if v}


def pg_tool_args(settings_dict: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            raise BackupFailed(f"Máy này chưa có {tool} (gói postgresql-client cùng phiên bản với máy chủ).")
    info = pg_conninfo(settings_dict)
    args = []
    for key, flag in (("host", "-h"), ("port", "-p"), ("user", "-U")):
        if key in info:
            args += [flag, info[key]]
    env = {**os.environ}
    if "password" in info:
        env["PGPASSWORD"] = info["password"]
    return args, env


@contextmanager
def pg_connect(settings_dict: dict[str, Any]) -> Iterator[Any]:
    import psycopg

    try:
        conn = psycopg.connect(**pg_conninfo(settings_dict))  # type: ignore[arg-type]
    except psycopg.OperationalError as exc:
        raise RestoreRefused(
            f"Không kết nối được cơ sở dữ liệu {settings_dict.get('NAME')}: hãy tạo nó trước "
            "và kiểm tra DATABASE_URL."
        ) from exc
    try:
        yield conn
    finally:
        conn.close()


# --- backup -----------------------------------------------------------------------------------


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def backup(archive: Path, settings_dict: dict[str, Any], media_root: Path) -> dict[str, Any]:
    """Write the archive (refuses to overwrite one); returns its manifest."""
    if archive.exists():
        raise RestoreRefused(f"Tệp {archive.name} đã có; chọn một tên khác để không ghi đè bản sao lưu cũ.")
    engine = engine_of(settings_dict)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".cchc-backup-") as tmp:
        if engine == "postgresql":
            db_member = PG_DUMP
            dump = Path(tmp) / PG_DUMP
            inventory = pg_dump_snapshot(settings_dict, dump)
        else:
            db_member = SQLITE_COPY
            dump = Path(tmp) / SQLITE_COPY
            sqlite_copy(str(settings_dict["NAME"]), dump)
            inventory = sqlite_inventory(str(dump))
        members = {db_member: sha256_file(dump)}
        partial = archive.with_name(archive.name + ".part")
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            tar.add(dump, arcname=db_member)
            for path in media_files(media_root):
                name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                members[name] = sha256_file(path)
                tar.add(path, arcname=name)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "engine": engine,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "members": members,
                "tables": inventory.counts,
                "samples": inventory.samples,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.now(UTC).timestamp())
            tar.addfile(info, _bytes_reader(data))
        os.replace(partial, archive)
    return manifest


def _bytes_reader(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def sqlite_copy(source: str, dest: Path) -> None:
    uri = source.startswith("file:")
    src = sqlite3.connect(source, uri=uri)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def pg_dump_snapshot(settings_dict: dict[str, Any], dump: Path) -> Inventory:
    """pg_dump of one exported snapshot, and the inventory read inside the same snapshot."""
    args, env = pg_tool_args(settings_dict)
    with pg_connect(settings_dict) as conn:
        with conn.cursor() as cur:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            proc = subprocess.run(
                [
                    "pg_dump",
                    *args,
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(dump),
                    str(settings_dict["NAME"]),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode:
                raise BackupFailed(f"pg_dump không chạy được: {proc.stderr.strip()[:500]}")
            inventory = pg_inventory(cur)
        conn.rollback()
    return inventory


# --- restore ----------------------------------------------------------------------------------


def safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
        fh = tar.extractfile(member)
        if fh is None:
            raise KeyError(MANIFEST)
        manifest = json.loads(fh.read(10 * CHUNK).decode("utf-8"))
    except KeyError as exc:
        raise RestoreRefused(
            "Tệp sao lưu thiếu bản kê nội dung: tệp bị cắt cụt hoặc không phải bản sao lưu CCHC."
        ) from exc
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: nested too deep
        raise RestoreRefused("Bản kê nội dung của tệp sao lưu bị hỏng (không đọc được).") from exc
    ok = (
        isinstance(manifest, dict)
        and manifest.get("format") == FORMAT
        and manifest.get("version") == VERSION
        and manifest.get("engine") in {"postgresql", "sqlite"}
        and isinstance(manifest.get("members"), dict)
        and isinstance(manifest.get("tables"), dict)
        and isinstance(manifest.get("samples"), dict)
        # The figures the restore compares with: checked now, not after the database has been written.
        and all(isinstance(v, str) for v in manifest["members"].values())
        and all(isinstance(v, int) and not isinstance(v, bool) for v in manifest["tables"].values())
        and all(isinstance(v, str) for v in manifest["samples"].values())
    )
    if not ok:
        raise RestoreRefused("Tệp này không phải bản sao lưu CCHC mà phiên bản này đọc được.")
    return manifest


def verify_archive(archive: Path) -> dict[str, Any]:
    """Read every member and compare it with the manifest; nothing is written."""
    if not archive.is_file():
        raise RestoreRefused(f"Không tìm thấy tệp sao lưu {archive.name}.")
    try:
        with tarfile.open(archive, "r:") as tar:
            manifest = read_manifest(tar)
            expected: dict[str, str] = dict(manifest["members"])
            seen: set[str] = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not safe_member_name(member.name) or member.name not in expected:
                    raise RestoreRefused(f"Tệp sao lưu chứa mục lạ «{member.name[:80]}»; không khôi phục.")
                fh = tar.extractfile(member)
                digest = hashlib.sha256()
                while fh is not None and (chunk := fh.read(CHUNK)):
                    digest.update(chunk)
                if digest.hexdigest() != expected[member.name]:
                    raise RestoreRefused(
                        f"Tệp sao lưu bị hỏng: mục «{member.name[:80]}» không khớp mã kiểm tra."
                    )
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise RestoreRefused(
            "Tệp sao lưu bị hỏng hoặc bị cắt cụt, không đọc được; không có gì bị thay đổi."
        ) from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise RestoreRefused(
            f"Tệp sao lưu thiếu {len(missing)} mục (ví dụ «{missing[0][:80]}»); tệp bị cắt cụt."
        )
    db_member = PG_DUMP if manifest["engine"] == "postgresql" else SQLITE_COPY
    if db_member not in expected:
        raise RestoreRefused("Tệp sao lưu không có cơ sở dữ liệu.")
    return manifest


def check_target_empty(settings_dict: dict[str, Any], engine: str, media_root: Path) -> None:
    if engine == "postgresql":
        with pg_connect(settings_dict) as conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            if cur.fetchone()[0]:
                raise RestoreRefused(
                    f"Cơ sở dữ liệu {settings_dict['NAME']} đã có bảng; "
                    "hãy khôi phục vào một cơ sở dữ liệu mới tạo."
                )
    else:
        name = str(settings_dict["NAME"])
        if not name or name == ":memory:" or name.startswith("file:"):
            raise RestoreRefused("Khôi phục vào SQLite cần đường dẫn của một tệp cơ sở dữ liệu mới.")
        target = Path(name)
        if target.exists() and target.stat().st_size > 0:
            raise RestoreRefused(f"Tệp cơ sở dữ liệu {target.name} đã có; hãy khôi phục vào một tệp mới.")
    if media_root.exists() and (not media_root.is_dir() or any(media_root.iterdir())):
        raise RestoreRefused(
            f"Thư mục tệp tải lên {media_root} không trống; hãy khôi phục vào một thư mục trống."
        )


def restore(archive: Path, settings_dict: dict[str, Any], media_root: Path) -> RestoreReport:
    """Restore the archive into an empty database and media folder, then compare with the manifest."""
    manifest = verify_archive(archive)
    engine = engine_of(settings_dict)
    if engine != manifest["engine"]:
        raise RestoreRefused(
            f"Bản sao lưu của {manifest['engine']} không khôi phục được vào cơ sở dữ liệu {engine}."
        )
    check_target_empty(settings_dict, engine, media_root)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".cchc-restore-") as tmp:
        staged_media = Path(tmp) / "media"
        staged_media.mkdir()
        with tarfile.open(archive, "r:") as tar:
            for member in tar:
                if member.name.startswith(MEDIA + "/"):
                    dest = staged_media / member.name[len(MEDIA) + 1 :]
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    _extract_to(tar, member, dest)
                elif member.name in {PG_DUMP, SQLITE_COPY}:
                    _extract_to(tar, member, Path(tmp) / member.name)
        if engine == "postgresql":
            args, env = pg_tool_args(settings_dict)
            proc = subprocess.run(
                [
                    "pg_restore",
                    *args,
                    "--single-transaction",
                    "--exit-on-error",
                    "--no-owner",
                    "--no-privileges",
                    "-d",
                    str(settings_dict["NAME"]),
                    str(Path(tmp) / PG_DUMP),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode:
                raise BackupFailed(
                    f"pg_restore không chạy được (không có gì được ghi): {proc.stderr.strip()[:500]}"
                )
        else:
            target = Path(str(settings_dict["NAME"]))
            target.parent.mkdir(parents=True, exist_ok=True)
            staged_db = target.with_name(target.name + ".restoring")
            _check_sqlite(Path(tmp) / SQLITE_COPY)
            shutil.move(str(Path(tmp) / SQLITE_COPY), staged_db)
            os.replace(staged_db, target)
        if media_root.exists():
            media_root.rmdir()  # checked empty above
        shutil.move(str(staged_media), media_root)
    return compare(manifest, settings_dict, engine, media_root)


def _check_sqlite(path: Path) -> None:
    """The copy must open as a database before it becomes the target (its checksum only says it is the
    file that was archived, not that a database was)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise RestoreRefused("Cơ sở dữ liệu trong tệp sao lưu bị hỏng; không có gì bị thay đổi.")


def _extract_to(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path) -> None:
    fh = tar.extractfile(member)
    if fh is None:
        return
    with dest.open("wb") as out:
        shutil.copyfileobj(fh, out, CHUNK)


def compare(
    manifest: dict[str, Any], settings_dict: dict[str, Any], engine: str, media_root: Path
) -> RestoreReport:
    if engine == "postgresql":
        with pg_connect(settings_dict) as conn, conn.cursor() as cur:
            restored = pg_inventory(cur)
    else:
        restored = sqlite_inventory(str(settings_dict["NAME"]))
    differences = []
    tables: dict[str, int] = manifest["tables"]
    for name in sorted(set(tables) | set(restored.counts)):
        if tables.get(name) != restored.counts.get(name):
            differences.append(
                f"bảng {name}: {tables.get(name)} bản ghi khi sao lưu, "
                f"{restored.counts.get(name)} sau khi khôi phục"
            )
        elif manifest["samples"].get(name) != restored.samples.get(name):
            differences.append(f"bảng {name}: bản ghi mẫu khác bản sao lưu")
    files = {k[len(MEDIA) + 1 :]: v for k, v in manifest["members"].items() if k.startswith(MEDIA + "/")}
    for rel, digest in sorted(files.items()):
        path = media_root / rel
        if not path.is_file() or sha256_file(path) != digest:
            differences.append(f"tệp {rel}: không khớp mã kiểm tra")
    return RestoreReport(
        tables=len(tables),
        rows=sum(tables.values()),
        sampled_tables=len(manifest["samples"]),
        files=len(files),
        differences=differences,
    )
