"""`relief import households` through the command's entry point, and as a process killed with
SIGKILL halfway through."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest
from openpyxl import load_workbook

from relief.imports.writer import WRITE_ROWS
from tests.cli.test_cli import count, relief
from tests.imports.files import HEADERS, csv_bytes, person
from tests.servers import relief_env

RELIEF = [sys.executable, "-m", "relief.cli"]  # the killed import is a real process

# Six pieces of WRITE_ROWS: enough for the kill to land with whole pieces written and more
# to come, and each `relief` run costs its start (a couple of seconds) more than its rows.
KILL_ROWS = 6 * WRITE_ROWS


@pytest.fixture
def env(database_url, tmp_path) -> dict[str, str]:
    return relief_env(tmp_path / "var", RELIEF_DATABASE_URL=database_url)


def _write(tmp_path: Path, rows, name: str = "ds.csv") -> str:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return str(path)


def _no_damage(i: int) -> list:
    row = person(i)
    row[10:13] = ["", "", ""]
    return row


def test_dry_run_prints_the_preview_and_writes_nothing(env, database_url, tmp_path):
    path = _write(tmp_path, [_no_damage(i) for i in range(1, 6)])
    env = {**env, "RELIEF_DEFAULT_LANGUAGE": "en"}
    result = relief(env, "import", "households", path, "--commune", "05725", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "New: 5;" in result.stdout and "Dry run: nothing written." in result.stdout
    assert count(database_url, "household") == 0
    assert count(database_url, "import_batch") == 0  # no pending import anyone could confirm
    imports = tmp_path / "var" / "imports"
    assert imports.is_dir() and list(imports.iterdir()) == []  # nothing of the file kept


def test_errors_are_listed_and_exit_2(env, database_url, tmp_path):
    rows = [_no_damage(i) for i in range(1, 4)]
    rows[1][1] = "Kim Sonn"
    path = _write(tmp_path, rows)
    result = relief(env, "import", "households", path, "--commune", "05725")
    assert result.returncode == 2
    # In the officer's language (Vietnamese by default), with the row and the column.
    assert (
        "Dòng 3, cột B “Thôn, xóm”: Xã Thần Sa không có thôn “Kim Sonn”. Tên gần giống: Kim Sơn"
        in result.stdout
    )
    english = relief(
        {**env, "RELIEF_DEFAULT_LANGUAGE": "en"}, "import", "households", path, "--commune", "05725"
    )
    assert "Row 3, column B “Thôn, xóm”: No hamlet “Kim Sonn” in Thần Sa." in english.stdout
    assert count(database_url, "household") == 0


def test_good_rows_imported_and_bad_rows_written_to_correct(env, database_url, tmp_path):
    rows = [_no_damage(i) for i in range(1, 4)]
    rows[1][1] = "Kim Sonn"
    path = _write(tmp_path, rows)
    bad = tmp_path / "sua.xlsx"
    args = ("--commune", "05725", "--good-rows", "--bad-rows", str(bad))
    result = relief(env, "import", "households", path, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Đã ghi các dòng cần sửa vào" in result.stdout
    assert count(database_url, "household") == 2
    sheet = load_workbook(bad).active
    assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == [rows[1][2]]


def test_import_then_the_same_file_again(env, database_url, tmp_path):
    path = _write(tmp_path, [_no_damage(i) for i in range(1, 6)])
    result = relief(env, "import", "households", path, "--commune", "05725")
    assert result.returncode == 0, result.stdout + result.stderr
    assert count(database_url, "household") == 5
    again = relief(env, "import", "households", path, "--commune", "05725")
    assert again.returncode == 2 and "đã được nhập" in again.stderr
    assert count(database_url, "household") == 5


@contextmanager
def _counter(database_url: str) -> Iterator[Callable[[str], int]]:
    """Runs counting queries over one connection, kept open while the import is watched."""
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(_sqlite_path(database_url))
        try:
            yield lambda sql: conn.execute(sql).fetchone()[0]
        finally:
            conn.close()
        return
    loop = asyncio.new_event_loop()
    pg = loop.run_until_complete(asyncpg.connect(database_url))
    try:
        yield lambda sql: loop.run_until_complete(pg.fetchval(sql))
    finally:
        loop.run_until_complete(pg.close())
        loop.close()


def _sqlite_path(database_url: str) -> str:
    return database_url.split("://", 1)[1].split("?", 1)[0]


HOUSEHOLDS = "SELECT count(*) FROM household"
PIECES_AUDITED = "SELECT count(*) FROM audit_entry WHERE action = 'import_chunk'"


def test_an_import_killed_halfway_keeps_whole_chunks_and_resumes(env, database_url, tmp_path):
    """Written WRITE_ROWS rows at a time, each piece in its own short transaction (so that
    other communes' saves are not held up): a kill leaves whole pieces, each with its audit
    entry, and the same file imported again finds them unchanged and writes the rest.

    The import is killed as soon as its first piece is seen committed, with more to write (one
    transaction for the whole file would never be caught halfway); nearly all of the writing
    time is spent inside the pieces' transactions, so the kill lands in one."""
    path = _write(tmp_path, [_no_damage(i) for i in range(1, KILL_ROWS + 1)])
    proc = subprocess.Popen(
        [*RELIEF, "import", "households", path, "--commune", "05725"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with _counter(database_url) as counted:
            deadline = time.monotonic() + 240
            while not counted(HOUSEHOLDS):
                assert proc.poll() is None, "the import ended before it was caught writing"
                assert time.monotonic() < deadline
                time.sleep(0.02)
            os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with _counter(database_url) as counted:
        written = counted(HOUSEHOLDS)
        assert 0 < written < KILL_ROWS and written % WRITE_ROWS == 0
        assert counted(PIECES_AUDITED) == written // WRITE_ROWS
    if database_url.startswith("sqlite"):
        with sqlite3.connect(_sqlite_path(database_url)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    result = relief(env, "import", "households", path, "--commune", "05725")
    assert result.returncode == 0, result.stdout + result.stderr
    assert count(database_url, "household") == KILL_ROWS


def _execute(database_url: str, sql: str) -> None:
    if database_url.startswith("sqlite"):
        with sqlite3.connect(_sqlite_path(database_url)) as conn:
            conn.execute(sql)
        return

    async def pg() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(pg())


def test_a_household_changed_since_the_export_is_listed_with_its_values(
    env, database_url, tmp_path
):
    rows = [_no_damage(i) for i in range(1, 3)]
    first = relief(env, "import", "households", _write(tmp_path, rows), "--commune", "05725")
    assert first.returncode == 0, first.stdout + first.stderr
    with _counter(database_url) as value:
        codes = [value(f"SELECT id FROM household WHERE id_number = '{r[5]}'") for r in rows]
    # Saved in Relief after the list was exported at version 1.
    _execute(database_url, f"UPDATE household SET members = 9, version = 2 WHERE id = {codes[0]}")
    rows[0][8], rows[1][8] = "Nùng", "Dao"
    exported = [[code, *row, 1] for code, row in zip(codes, rows, strict=True)]
    path = tmp_path / "exported.csv"
    path.write_bytes(csv_bytes(exported, headers=["Mã hộ", *HEADERS, "Phiên bản"]))

    vietnamese = relief(env, "import", "households", str(path), "--commune", "05725", "--dry-run")
    assert "Xung đột: các dòng không được ghi vì hộ đã thay đổi trong Relief:" in vietnamese.stdout
    assert "    Dân tộc: trong tệp “Nùng”, trong Relief hiện tại “Tày”" in vietnamese.stdout
    english = {**env, "RELIEF_DEFAULT_LANGUAGE": "en"}
    result = relief(english, "import", "households", str(path), "--commune", "05725")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Conflicts: rows not written, their household changed in Relief:")
    assert lines[start + 1 : start + 4] == [
        f"  Row 2, {rows[0][2]} (household {codes[0]}): Changed in Relief since this list was "
        "exported: not updated. Export the list again and redo the change.",
        "    Members: in the file “2”, in Relief now “9”",
        "    Ethnicity: in the file “Nùng”, in Relief now “Tày”",
    ]
    assert "Imported: import no. 2, 0 created, 1 updated." in result.stdout
    with _counter(database_url) as value:
        assert value(f"SELECT ethnicity FROM household WHERE id = {codes[1]}") == "Dao"
        assert value(f"SELECT members FROM household WHERE id = {codes[0]}") == 9
