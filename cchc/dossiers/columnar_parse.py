"""Reading a dossier CSV as columns (polars), for the fast import path (``columnar``).

The row parser (``records.parse_record``) is the reference: it accepts many spellings and reports every
problem in Vietnamese; both take the fields, headings and yes/no words from ``cchc.lib.natsync_fields``.
This module only *proves* that a file is in the plain national shape — every
instant written ``yyyyMMddHHmmss``, integers as digits, no stray spaces, lists as JSON arrays of objects
keyed by the national names — and in that shape parses it with vectorised expressions to the values the
row parser would give. The moment a column holds anything else (another date spelling, a Vietnamese
key inside QuaTrinhXuLy, a value the row parser would reject…) it raises ``NotColumnar`` and the caller
hands the whole file to the row path, which then accepts it or names the bad row exactly as before. So
the fast path can be narrower than the row path, never different: ``tests/test_columnar_import_*``
import the same files both ways and compare the databases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from cchc.core import plausible
from cchc.lib.natsync_fields import (
    CHANNELS,
    FALSE_WORDS,
    FIELDS,
    OPTIONAL_KINDS,
    PAYMENT_CODES,
    STEP_FIELDS,
    STEP_LIMITS,
    STEPS,
    SUPPLEMENT_CONTENT_LIMIT,
    SUPPLEMENT_FIELDS,
    SUPPLEMENTS,
    TRUE_WORDS,
    map_headers,
)
from cchc.lib.outcomes import NEEDS_END, NOT_RECEIVED

INSTANT = pl.Datetime("us")
NATIONAL_FORMAT = "%Y%m%d%H%M%S"
EARLIEST = dt.datetime(1976, 1, 1)
# Leading or trailing characters Python's str.strip() removes (Unicode white space plus the ASCII
# separators \x1c–\x1f): the row parser strips them, the fast path refuses them instead.
_EDGE_SPACE = r"^[\s\x1c-\x1f]|[\s\x1c-\x1f]$"
_DIGITS = r"^[0-9]{1,9}$"
DECODE_SLICE = 20_000

STEP_NATIONAL = {key: names[0] for key, names in STEP_FIELDS.items()}
SUPPLEMENT_NATIONAL = {key: names[0] for key, names in SUPPLEMENT_FIELDS.items()}
_STEP_INSTANTS = ("started_at", "finished_at", "deadline_at")
_SUPPLEMENT_INSTANTS = ("requested_at", "completed_at")


Flag = Callable[[Any, str], None]  # marks the rows (positions) where a condition holds


class NotColumnar(Exception):
    """The file is not in the plain shape the fast path proves; the row path must read it."""


@dataclass
class ParsedColumns:
    """One frame per level. ``dossiers`` has a ``row`` column (the row number a person sees) and the
    record fields under their ``natsync_fields.FIELDS`` keys; ``steps`` and ``supplements`` have
    ``owner`` (the dossier's index in ``dossiers``) and ``seq`` (1-based, file order) plus the record
    fields."""

    dossiers: pl.DataFrame
    steps: pl.DataFrame
    supplements: pl.DataFrame
    # Positions (in ``dossiers``) of rows some check could not prove, and the first reason: the row
    # parser reads those rows (``columnar_errors``); their parsed values here mean nothing.
    suspect: np.ndarray[Any, Any] | None = None
    why: str = ""
    # The cells as read, under the internal keys (the row parser's input for suspect rows).
    cells: pl.DataFrame | None = None
    # Rows read after the heading, blank ones included (where the next slice's numbering starts).
    records: int = 0

    def __len__(self) -> int:
        return self.dossiers.height

    @property
    def suspects(self) -> int:
        return 0 if self.suspect is None else int(self.suspect.sum())


class Suspects:
    """Per-row results of the checks: a row any check cannot prove is marked (by its position), so a
    bad row costs the row parser one row, not the whole file."""

    def __init__(self, n: int) -> None:
        self.mask = np.zeros(n, dtype=np.bool_)
        self.why = ""

    def rows(self, condition: pl.Series | np.ndarray[Any, Any], why: str) -> None:
        hit = condition.fill_null(False).to_numpy() if isinstance(condition, pl.Series) else condition
        if hit.any():
            self.mask |= hit
            self.why = self.why or why


def refuse(condition: pl.Series | bool, why: str) -> None:
    """``NotColumnar(why)`` when the condition (or any value of a boolean column) holds."""
    if bool(condition.any()) if isinstance(condition, pl.Series) else condition:
        raise NotColumnar(why)


def _read(data: bytes) -> pl.DataFrame:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    first_line = data.split(b"\n", 1)[0]
    delimiter = max((b",", b";", b"\t"), key=first_line.count).decode()
    # csv.reader yields an empty row for an empty line and counts it; polars skips it, which would
    # shift every row number after it.
    refuse(b"\n\n" in data or b"\n\r\n" in data, "empty line")
    try:
        frame = pl.read_csv(
            data,
            infer_schema=False,
            separator=delimiter,
            has_header=True,
            quote_char='"',
            encoding="utf8",
            raise_if_empty=True,
        )
    except Exception as exc:  # polars raises several kinds; the row path gives the Vietnamese message
        raise NotColumnar(f"polars cannot read the file: {type(exc).__name__}") from exc
    refuse(len(set(frame.columns)) != len(frame.columns), "repeated heading")
    return frame


def _texts(frame: pl.DataFrame, keys: list[str], flag: Flag) -> None:
    if not keys:
        return
    spaced = frame.select(pl.any_horizontal([pl.col(k).str.contains(_EDGE_SPACE) for k in keys])).to_series()
    flag(spaced, "spaces around a value")


def _instants(frame: pl.DataFrame, keys: tuple[str, ...] | list[str], flag: Flag) -> pl.DataFrame:
    """Parse ``yyyyMMddHHmmss`` columns; mark anything that does not print back to itself (another
    spelling, 13 digits, second 60…). Empty or missing → null."""
    exprs = []
    for k in keys:
        exprs.append(pl.when(pl.col(k) == "").then(None).otherwise(pl.col(k)).alias(k))
    frame = frame.with_columns(exprs)
    parsed = frame.select(
        [pl.col(k).str.strptime(INSTANT, NATIONAL_FORMAT, strict=False).alias(k) for k in keys]
    )
    bad = frame.select(
        pl.any_horizontal(
            [
                pl.col(k).is_not_null() & (parsed[k].dt.strftime(NATIONAL_FORMAT).fill_null("") != pl.col(k))
                for k in keys
            ]
        )
    ).to_series()
    flag(bad, "an instant not written yyyyMMddHHmmss")
    # Before 1976 the local offset was not +7 (bulk._FIXED_OFFSET_SINCE): the row path handles those.
    early = parsed.select(
        pl.any_horizontal([(pl.col(k) < EARLIEST).fill_null(False) for k in keys])
    ).to_series()
    flag(early, "an instant before 1976")
    # Outside the plausible window the row path gives each row its Vietnamese reason (core.plausible).
    window = plausible.bounds()
    odd = parsed.select(
        pl.any_horizontal(
            [((pl.col(k) < window.low) | (pl.col(k) >= window.receipt_high)).fill_null(False) for k in keys]
        )
    ).to_series()
    flag(odd, "an instant outside the plausible window")
    return frame.with_columns(parsed)


def _decode(source: pl.Series, dtype: pl.DataType, flag: Flag) -> pl.Series:
    """``json_decode`` in slices (one call over a million rows took 3.5× as long as fifty calls
    together); a slice that does not decode is decoded cell by cell, each broken cell marked."""
    out = []
    for i in range(0, len(source), DECODE_SLICE):
        part = source.slice(i, DECODE_SLICE)
        try:
            out.append(part.str.json_decode(dtype))
            continue
        except Exception:  # polars raises several kinds for text that is not JSON of that shape
            pass
        broken = np.zeros(len(source), dtype=np.bool_)
        kept = []
        for j, text in enumerate(part.to_list()):
            try:
                kept.append(pl.Series([text], dtype=pl.String).str.json_decode(dtype)[0] if text else None)
            except Exception:
                broken[i + j] = True
                kept.append(None)
        flag(broken, "JSON the fast path cannot decode")
        out.append(pl.Series(part.name, kept, dtype=dtype))
    return pl.concat(out)


def _list_column(values: pl.Series, allowed: dict[str, str], what: str, flag: Flag) -> pl.DataFrame:
    """Explode a column of JSON arrays of objects to one row per item: owner, seq and the object's
    fields under their internal keys (all text; ``external`` as the text of a JSON boolean). A cell
    in any other shape is marked and read as no items."""
    text = values.fill_null("")
    present = text != ""
    wrong = present & ~(text.str.starts_with("[") & text.str.ends_with("]"))
    names = "|".join(allowed.values())
    # Decoding with a fixed schema is twice as fast as inferring one, but it drops keys it does not
    # know and turns numbers into text; so the file must use only the national keys (another spelling
    # is the row path's job: it folds them) with string or null values (``LienThongNgoai`` may also
    # be true/false). Escaped quotes inside values cannot match these patterns.
    wrong = wrong | (text.str.count_matches(rf'"(?:{names})"\s*:') != text.str.count_matches(r'"\s*:'))
    plain_values = [n for k, n in allowed.items() if k != "external"]
    wrong = wrong | text.str.contains(rf'"(?:{"|".join(plain_values)})"\s*:\s*[^"n\s]')
    if "external" in allowed:
        wrong = wrong | text.str.contains(rf'"{allowed["external"]}"\s*:\s*[^"ntf\s]')
    flag(wrong, f"{what}: not a JSON array of objects with the national keys and text values")
    # An escaped NUL or UTF-16 half (\\u0000, \\ud800): the row path names the row and field (lib/bad_text).
    flag(text.str.contains(r"\\u(?:0000|[dD][89a-fA-F])"), f"{what}: an escape the row path checks")
    empty = pl.DataFrame({"owner": [], "seq": []}, schema={"owner": pl.Int64, "seq": pl.Int64})
    usable = present & ~wrong.fill_null(True)
    if not bool(usable.any()):
        return empty.with_columns([pl.lit(None, pl.String).alias(k) for k in allowed])
    dtype = pl.List(pl.Struct({national: pl.String for national in allowed.values()}))
    source = (
        pl.DataFrame({"v": text, "ok": usable}).select(pl.when(pl.col("ok")).then(pl.col("v"))).to_series()
    )
    decoded = _decode(source, dtype, flag)
    items = pl.DataFrame({"owner": pl.Series("owner", range(len(values)), dtype=pl.Int64), "v": decoded})
    lengths = items["v"].list.len().fill_null(0)
    exploded = items.filter(lengths > 0).explode("v")
    not_object = exploded["v"].is_null()
    if bool(not_object.any()):
        flag_owners = np.zeros(len(values), dtype=np.bool_)
        flag_owners[exploded["owner"].filter(not_object).to_numpy()] = True
        flag(flag_owners, f"{what}: an item is not an object")
        exploded = exploded.filter(~not_object)
    owner = exploded["owner"].to_numpy()
    # Items are in file order, so each owner's items are adjacent: seq counts from its first one.
    seq = np.arange(owner.size) - np.searchsorted(owner, owner) + 1
    out = exploded.select("owner", pl.Series("seq", seq, dtype=pl.Int64), pl.col("v").struct.unnest())
    return out.rename({national: key for key, national in allowed.items()})


def _items_flag(items: pl.DataFrame, n: int, flag: Flag) -> Flag:
    """A flag over items that marks each item's dossier (``flag`` marks dossier positions)."""
    owner = items["owner"].to_numpy()

    def mark(condition: pl.Series | np.ndarray[Any, Any], why: str) -> None:
        hit = condition.fill_null(False).to_numpy() if isinstance(condition, pl.Series) else condition
        if hit.any():
            rows = np.zeros(n, dtype=np.bool_)
            rows[owner[hit]] = True
            flag(rows, why)

    return mark


def _steps(values: pl.Series, flag: Flag) -> pl.DataFrame:
    steps = _list_column(values, STEP_NATIONAL, STEPS, flag)
    texts = list(STEP_LIMITS)
    steps = steps.with_columns([pl.col(k).fill_null("") for k in texts])
    by_item = _items_flag(steps, len(values), flag)
    _texts(steps, texts, by_item)
    too_long = pl.any_horizontal([pl.col(k).str.len_chars() > n for k, n in STEP_LIMITS.items()])
    by_item(steps.select(too_long).to_series(), "QuaTrinhXuLy: text too long")
    external = steps["external"].fill_null("").str.strip_chars().str.to_lowercase().is_in(sorted(TRUE_WORDS))
    steps = steps.with_columns(external.alias("external"))
    return _instants(steps, _STEP_INSTANTS, by_item)


def _supplements(values: pl.Series, flag: Flag) -> pl.DataFrame:
    sups = _list_column(values, SUPPLEMENT_NATIONAL, SUPPLEMENTS, flag)
    sups = sups.with_columns(pl.col("content").fill_null(""))
    by_item = _items_flag(sups, len(values), flag)
    _texts(sups, ["content"], by_item)
    by_item(sups["content"].str.len_chars() > SUPPLEMENT_CONTENT_LIMIT, "DanhSachHoSoBoSung: text too long")
    sups = _instants(sups, _SUPPLEMENT_INSTANTS, by_item)
    by_item(sups["requested_at"].is_null(), "a supplement without NgayBoSung")
    by_item((sups["completed_at"] < sups["requested_at"]).fill_null(False), "supplement completed first")
    return sups


def _national_flags(frame: pl.DataFrame, flag: Flag) -> pl.DataFrame:
    """The 1/0 flags and DinhKemKetQua as booleans, null where the file does not say (as
    ``natsync.parse_flag`` / ``parse_attachment``; a missing column stays null)."""
    specs = [f for f in FIELDS if f.kind in OPTIONAL_KINDS]
    _texts(frame, [f.key for f in specs], flag)
    exprs = []
    for f in specs:
        value = pl.col(f.key)
        if f.kind == "flag":
            flag(~frame[f.key].fill_null("").is_in(["", "0", "1"]), f"{f.national} is not 1/0")
            exprs.append(pl.when(value == "1").then(True).when(value == "0").then(False).alias(f.key))
        else:
            lower = value.str.to_lowercase()
            empty = lower.is_in(sorted(FALSE_WORDS)) | lower.str.contains(r"^(\[\s*\]|\{\s*\})$")
            exprs.append(pl.when(value.is_null()).then(None).otherwise(~empty).alias(f.key))
    return frame.with_columns(exprs)


def parse_csv(data: bytes) -> ParsedColumns:
    """The file as columns, or ``NotColumnar`` when any row is not in the plain shape."""
    parsed = parse_csv_rows(data)
    if parsed.suspects:
        raise NotColumnar(parsed.why)
    return parsed


def parse_csv_rows(data: bytes, first_row: int = 2) -> ParsedColumns:
    """The file as columns, each row the checks cannot prove marked in ``suspect`` (``NotColumnar``
    only for what concerns the whole file: unreadable, a repeated or missing heading, an empty line).
    Row numbers follow ``importing``: the heading is row 1, and rows whose every cell is blank are
    skipped but counted (``first_row``: the number of the first row after the heading, when ``data``
    is a slice of a larger file with its heading repeated, ``columnar_slices``)."""
    raw = _read(data)
    mapping = map_headers(raw.columns)
    if any(f.required and f.key not in mapping.values() for f in FIELDS):
        raise NotColumnar("missing required column")  # the row path says which, in Vietnamese
    blank = pl.all_horizontal([pl.col(c).fill_null("").str.strip_chars() == "" for c in raw.columns])
    records = raw.height
    frame = raw.with_row_index("row", offset=first_row).filter(~blank)
    if frame.height == 0:
        raise NotColumnar("no rows")
    by_key = {key: heading for heading, key in mapping.items()}
    cols: list[Any] = [pl.col("row").cast(pl.Int64)]
    for f in FIELDS:
        if f.key in by_key:
            cols.append(pl.col(by_key[f.key]).alias(f.key))
        else:
            cols.append(pl.lit(None, pl.String).alias(f.key))
    frame = frame.select(cols)
    cells = frame.select("row", *(f.key for f in FIELDS if f.key in by_key))
    sus = Suspects(frame.height)
    flag = sus.rows

    text_specs = [f for f in FIELDS if f.kind == "text"]
    frame = frame.with_columns([pl.col(f.key).fill_null("") for f in text_specs])
    _texts(frame, [f.key for f in text_specs], flag)
    for f in text_specs:
        if f.required:
            flag(frame[f.key] == "", f"{f.national} missing")
        if f.max_length:
            flag(frame[f.key].str.len_chars() > f.max_length, f"{f.national} too long")

    int_specs = [f for f in FIELDS if f.kind == "int"]
    for f in int_specs:
        value = frame[f.key].fill_null("")
        flag((value != "") & ~value.str.contains(_DIGITS), f"{f.national} is not plain digits")
    frame = frame.with_columns(
        [
            pl.when(pl.col(f.key).fill_null("").str.contains(_DIGITS))
            .then(pl.col(f.key))
            .cast(pl.Int64, strict=False)
            .alias(f.key)
            for f in int_specs
        ]
    )
    status, channel, kind = frame["status"], frame["channel"], frame["applicant_type"]
    flag(status.is_null() | (status < 1) | (status > 10), "TrangThaiHoSo outside 1–10")
    flag(~channel.is_null() & ~channel.is_in(list(CHANNELS)), "KenhThucHien outside 1–3")
    flag(~kind.is_null() & (kind > 4), "LoaiDoiTuong outside 0–4")
    payment = frame["online_payment"]
    flag(~payment.is_null() & ~payment.is_in(list(PAYMENT_CODES)), "DuocThanhToanTrucTuyen outside 0–2")
    # An empty DinhKemKetQua cell says "no file" (the row path reads "" so); polars reads it as null.
    frame = _national_flags(
        frame.with_columns(
            pl.col(f.key).fill_null("") for f in FIELDS if f.kind == "attachment" and f.key in by_key
        ),
        flag,
    )
    frame = frame.with_columns(
        pl.col("channel").fill_null(1),
        pl.when(pl.col("receiving_unit_code") == "")
        .then(pl.col("handling_unit_code"))
        .otherwise(pl.col("receiving_unit_code"))
        .alias("receiving_unit_code"),
    )

    instant_keys = [f.key for f in FIELDS if f.kind == "instant"]
    frame = _instants(frame, instant_keys, flag)
    received = frame["received_at"]
    flag(
        (received.is_null() & ~status.is_in(sorted(NOT_RECEIVED))).fill_null(False),
        "received dossier without NgayTiepNhan",
    )
    flag(
        (frame["end_at"].is_null() & status.is_in(sorted(NEEDS_END))).fill_null(False),
        "finished without NgayKetThucXuLy",
    )
    received_day = received.dt.date()
    for key in ("appointment_at", "end_at"):
        flag((frame[key].dt.date() < received_day).fill_null(False), f"{key} before NgayTiepNhan")

    steps = _steps(frame["steps"], flag)
    sups = _supplements(frame["supplements"], flag)
    return ParsedColumns(
        frame.drop("steps", "supplements"),
        steps,
        sups,
        suspect=sus.mask,
        why=sus.why,
        cells=cells,
        records=records,
    )
