"""A file cannot stop the server: read in a worker process and refused there with its message;
a large confirmation written in short transactions, exactly once with its submission key; the
preview shows contact details by the one rule."""

from __future__ import annotations

import asyncio
import functools
from datetime import date

import pytest

from relief.core import once
from relief.core.actor import SYSTEM, Actor, Role
from relief.core.errors import Invalid
from relief.core.i18n import current_language
from relief.households.models import Disaster, Household
from relief.imports import service
from relief.imports.models import ImportBatch, ImportStatus
from relief.imports.validation import CHUNK
from relief.places.models import Commune
from tests.factories import csrf_token, login_as, make_household, make_user, post_form
from tests.imports.attacks import ATTACKS
from tests.imports.files import person, xlsx
from tests.imports.test_pages import upload

THAN_SA = "05725"
REFUSED = {
    "3 million empty rows": "more than 101.000 rows, blank ones included",
    "a cell at column ZZZZZ": "uses column ZZZZZ",
    "merged A2:ZZZZ200000": "merges cells A2:ZZZZ200000",
    "declared dimension A1:XFD1048576": "declares a size of A1:XFD1048576",
    "shared-strings bomb": "shared strings",
    "1 MB CSV of blank lines": "lines counting blank ones",
}


@pytest.fixture
async def disaster(orm) -> Disaster:
    return await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))


@pytest.mark.parametrize("attack", list(ATTACKS))
async def test_an_attack_file_is_refused_by_the_reading_process_in_the_officers_language(
    tmp_path, disaster, attack
):
    """The worker process returns the refusal as data; it says what to do, in English here
    because the request asked for English, and nothing is kept."""
    token = current_language.set("en")
    try:
        name = "ds.csv" if "CSV" in attack else "ds.xlsx"
        with pytest.raises(Invalid) as refused:
            await service.upload(SYSTEM, tmp_path, name, ATTACKS[attack](), commune_code=THAN_SA)
    finally:
        current_language.reset(token)
    assert REFUSED[attack] in refused.value.field_errors["file"]
    assert not await ImportBatch.exists()
    assert not list((tmp_path / "imports").iterdir())  # no rows read, none kept


async def test_the_same_refusal_in_vietnamese(tmp_path, disaster):
    data = ATTACKS["a cell at column ZZZZZ"]()
    current_language.set("vi")  # this test's own task
    with pytest.raises(Invalid) as refused:
        await service.upload(SYSTEM, tmp_path, "ds.xlsx", data, commune_code=THAN_SA)
    message = refused.value.field_errors["file"]
    assert message.startswith("Trang “Danh sách” dùng đến cột ZZZZZ, quá cột CV (100 cột)")


# A chunk of the check and part of another, written in five pieces of WRITE_ROWS: room
# enough for another commune's write to get in between two of them.
LARGE = CHUNK + 500


@functools.cache
def _large_list() -> bytes:
    """Made once for both databases (openpyxl takes about a second of CPU to write it)."""
    return xlsx([person(i) for i in range(LARGE)])


@pytest.mark.both_databases  # writes of other communes between the chunks
async def test_a_large_confirmation_lets_other_communes_write_between_its_chunks(client):
    """Confirmed with the page's submission key: the rows are written in short transactions
    (other requests read and write while the import is still running), the key is kept with
    the last one, and the same key sent again writes nothing."""
    officer = await make_user("commune")
    await login_as(client, officer)
    disaster = await Disaster.create(name="Bão số 11 (Matmo)", starts_on=date(2025, 10, 6))
    response = await upload(client, _large_list(), disaster_id=str(disaster.id))
    assert response.status_code == 303
    location = response.headers["location"]
    batch = await ImportBatch.get(id=int(location.rsplit("/", 1)[1]))
    assert (batch.created, batch.errors) == (LARGE, 0), batch.report
    than_sa = await Commune.get(code=THAN_SA)
    key = once.new_key()
    form = {"submission_key": key, "_csrf_token": await csrf_token(client)}
    confirming = asyncio.create_task(client.post(f"{location}/confirm", data=form))
    partial: list[int] = []
    other_written_before_the_end = False
    while not confirming.done():
        written = await Household.filter(commune_id=than_sa.id).count()
        if 0 < written < LARGE and not confirming.done():
            partial.append(written)
            if not other_written_before_the_end:
                await make_household("05665", head_name="Lò Văn Khác")
                other_written_before_the_end = not confirming.done()
        await asyncio.sleep(0.005)
    answer = await confirming
    assert answer.status_code == 303 and answer.headers["location"] == f"{location}?saved=1"
    assert partial, "the import held the database until its end"
    assert other_written_before_the_end
    assert await Household.filter(commune_id=than_sa.id).count() == LARGE
    batch = await ImportBatch.get(id=batch.id)
    assert batch.status is ImportStatus.CONFIRMED

    again = await post_form(client, f"{location}/confirm", {"submission_key": key})
    assert again.status_code == 303 and again.headers["location"] == f"{location}?saved=1"
    assert await Household.filter(commune_id=than_sa.id).count() == LARGE


async def test_an_upload_sent_twice_with_its_key_is_one_import(client):
    await login_as(client, await make_user("commune"))
    key = once.new_key()
    data = xlsx([person(i)[:10] for i in range(3)])
    first = await upload(client, data, submission_key=key)
    second = await upload(client, data, submission_key=key)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert await ImportBatch.all().count() == 1


async def test_the_preview_shows_contact_details_by_the_one_rule(client):
    """Flagged rows show their phone to the commune's officer; the report as shown to anyone
    outside the contact-details rule carries no phone or ID number."""
    officer = await make_user("commune")
    await login_as(client, officer)
    a, b = person(1), person(3)
    b[6] = a[6]  # the same phone: flagged
    b[5] = ""  # with no ID number (two different ID numbers are two people)
    response = await upload(client, xlsx([a, b]))
    page = await client.get(response.headers["location"])
    assert 'name="dup_3"' in page.text and a[6] in page.text
    batch = await ImportBatch.get(id=int(response.headers["location"].rsplit("/", 1)[1]))
    (flagged,) = batch.report["flagged"]
    assert flagged["phone"] == a[6]
    province = Actor(role=Role.PROVINCE, user_id=999, username="tinh")
    other_commune = Actor(role=Role.COMMUNE, user_id=998, username="xa", commune_id=1)
    assert batch.commune_id != 1
    for outsider in (province, other_commune):
        shown = service.shown_report(outsider, batch)
        assert shown["flagged"][0]["phone"] is None
        assert shown["flagged"][0]["head_name"] == flagged["head_name"]
    for insider in (SYSTEM, Actor(role=Role.COMMUNE, user_id=officer.id, username="o",
                                  commune_id=batch.commune_id)):  # fmt: skip
        assert service.shown_report(insider, batch)["flagged"][0]["phone"] == a[6]


def test_a_chunk_is_taken_only_when_it_is_whole(tmp_path):
    """The server looks at the reader's file while it is written: a chunk half written is
    not yet there, and is taken whole once the rest is written."""
    from relief.imports import store

    path = tmp_path / "x.read"
    with store.frame_writer(path) as write:
        write(["heading"])
    whole = path.read_bytes()
    with path.open("wb") as fh, path.open("rb") as follower:
        fh.write(whole[:5])  # part of the length
        fh.flush()
        assert store.next_frame(follower) is store.NOT_YET
        fh.write(whole[5:-3])  # the length and part of the chunk
        fh.flush()
        assert store.next_frame(follower) is store.NOT_YET
        assert follower.tell() == 0
        fh.write(whole[-3:])
        fh.flush()
        assert store.next_frame(follower) == ["heading"]
        assert store.next_frame(follower) is store.NOT_YET


async def test_the_server_checks_the_rows_read_while_the_reader_reads_on(tmp_path):
    """Each chunk reaches the server as soon as it is written, before the reader ends (the
    reader here waits for the server to have taken its first chunk before going on); once
    the reader has ended, every chunk it wrote is taken, in order."""
    import threading

    from relief.imports import store

    path = tmp_path / "x.read"
    path.touch()
    taken_first = threading.Event()

    def reader() -> str:
        with store.frame_writer(path) as write:
            write("heading")
            if not taken_first.wait(timeout=10):
                return "the server waited for the reader's end"
            for chunk in range(3):
                write([chunk])
        return "read"

    reading = asyncio.ensure_future(asyncio.to_thread(reader))
    taken = []
    async for item in service._followed(path, reading):
        if not taken:
            assert not reading.done()
            taken_first.set()
        taken.append(item)
    assert await reading == "read"
    assert taken == ["heading", [0], [1], [2]]


def test_the_reports_of_the_reader_and_the_server_are_joined_field_by_field():
    """Every field of a preview's report is joined by Report.add (a new field must say how),
    counts summed and lists kept within their caps."""
    from dataclasses import fields

    from relief.imports import validation
    from relief.imports.validation import REPORT_CAP, Report

    parts = (validation._COUNTS, validation._CAPPED, validation._TALLIES, validation._JOINED)
    named = {*validation._HEADING, *(name for part in parts for name in part)}
    assert named == {f.name for f in fields(Report)}
    heading = {"head_name": "Họ tên chủ hộ", "hamlet": "Thôn", "phone": "Điện thoại"}
    reading = Report(dict(heading), [])
    reading.rows, reading.names = 2_500, ["Lò Văn Một"]
    reading.add_error(7, "hamlet", "unknown hamlet", {})
    checked = Report(dict(heading), [])
    checked.created, checked.changed_fields = 2_400, {"phone": 3}
    for number in range(10, 10 + REPORT_CAP):
        checked.add_error(number, "phone", "bad phone", {})
    reading.add(checked)
    assert (reading.rows, reading.created, reading.error_count) == (2_500, 2_400, 1 + REPORT_CAP)
    assert len(reading.errors) == REPORT_CAP and reading.errors[0]["row"] == 7
    assert reading.changed_fields == {"phone": 3} and reading.names == ["Lò Văn Một"]
    assert sorted(reading.by_row)[:2] == [7, 10]
