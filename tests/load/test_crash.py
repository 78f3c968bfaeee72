"""The server killed with SIGKILL in the middle of a handover: all of it or none of it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import threading
import time
from datetime import date

import httpx
import pytest

from relief.households.models import Household
from relief.houses.models import Handover, HouseCase, HouseKind, Programme, Stage, StageEvent
from relief.places.models import Commune, Hamlet
from tests.factories import bearer, make_user
from tests.servers import Forked, Forker, free_port, relief_env, shared_forker, wait_until_healthy

HOUSES = 150


@pytest.fixture
def forker() -> Forker:
    """The servers are forked from one process that imported the app once (tests/servers.py):
    each is still a `relief serve` process of its own, killed for real."""
    return shared_forker()


async def _completed_houses(batch: int) -> list[int]:
    commune = await Commune.get(code="05725")
    hamlet = await Hamlet.filter(commune=commune).first()
    await Household.bulk_create(
        [
            Household(
                commune_id=commune.id,
                hamlet_id=hamlet.id,
                head_name=f"Hộ {batch}-{i}",
                head_name_key=f"ho {batch}-{i}",
                members=3,
            )
            for i in range(HOUSES)
        ]
    )
    households = await Household.filter(head_name__startswith=f"Hộ {batch}-").order_by("id")
    await HouseCase.bulk_create(
        [
            HouseCase(
                code=f"TS-20{batch:02d}-{i + 1:04d}",
                year=2000 + batch,
                seq=i + 1,
                household_id=h.id,
                commune_id=commune.id,
                hamlet_id=hamlet.id,
                programme=Programme.GREAT_SOLIDARITY,
                kind=HouseKind.NEW_BUILD,
                area_m2=36,
                hard_foundation=True,
                hard_frame=True,
                hard_roof=True,
                stage=Stage.COMPLETED,
                stage_on=date(2025, 12, 1),
                proposed_on=date(2025, 10, 1),
                completed_on=date(2025, 12, 1),
            )
            for i, h in enumerate(households)
        ]
    )
    return list(await HouseCase.filter(year=2000 + batch).values_list("id", flat=True))


def _serve(forker: Forker, env: dict[str, str]) -> tuple[Forked, str]:
    port = free_port()
    proc = forker.start(["serve", "--port", str(port)], env, made_app=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, proc)
    except RuntimeError:
        proc.kill()
        proc.wait(timeout=10)
        raise
    return proc, url


def _handover(url: str, headers: dict[str, str], house_ids: list[int]) -> None:
    with contextlib.suppress(httpx.TransportError):  # the server dies under the request
        httpx.post(
            url + "/api/v1/handovers",
            headers=headers,
            timeout=60,
            json={
                "held_on": "2025-12-20",
                "place": "Nhà văn hóa thôn Kim Sơn",
                "organisers": "UBND xã Thần Sa",
                "house_ids": house_ids,
            },
        )


def _timed_handover(url: str, headers: dict[str, str], house_ids: list[int]) -> float:
    """Posts a handover and waits for its answer; returns how long it took."""
    started = time.monotonic()
    _handover(url, headers, house_ids)
    return time.monotonic() - started


def _handover_then_kill(server, url, headers, house_ids, after: float) -> None:
    """Posts the handover and SIGKILLs the server `after` seconds later."""
    sender = threading.Thread(target=_handover, args=(url, headers, house_ids))
    sender.start()
    time.sleep(after)
    os.kill(server.pid, signal.SIGKILL)
    server.wait(timeout=10)
    sender.join(timeout=30)


async def _outcome(database_url: str, house_ids: list[int]) -> str:
    """The handover's outcome: all of it there ("whole") or none of it ("none"), else fails."""
    if database_url.startswith("sqlite"):
        path = database_url.split("://", 1)[1].split("?", 1)[0]
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stages = set(await HouseCase.filter(id__in=house_ids).values_list("stage", flat=True))
    linked = await HouseCase.filter(id__in=house_ids, handover_id__not_isnull=True).count()
    events = await StageEvent.filter(house_case_id__in=house_ids).count()
    handovers = await Handover.filter(house_cases__id__in=house_ids).distinct().count()
    if stages == {Stage.HANDED_OVER}:
        assert linked == HOUSES and events == HOUSES and handovers == 1
        return "whole"
    assert stages == {Stage.COMPLETED}, stages
    assert linked == 0 and events == 0 and handovers == 0
    return "none"


async def test_handover_killed_midway_is_all_or_nothing(orm, tmp_path, forker):
    database_url = orm
    officer = await make_user("commune", commune_code="05725")
    headers = await bearer(officer)
    env = relief_env(tmp_path / "var", RELIEF_DATABASE_URL=database_url)
    # The first handover runs to its end and is timed; the next are killed at a quarter, half
    # and most of that time, inside the transaction. The first server, having answered the
    # first, is the one killed in the second: three servers serve the four handovers, and the
    # first is checked after that kill too.
    first = await _completed_houses(1)
    server, url = await asyncio.to_thread(_serve, forker, env)
    outcomes = []
    try:
        took = await asyncio.to_thread(_timed_handover, url, headers, first)
        for batch, share in enumerate((0.25, 0.5, 0.85), start=2):
            house_ids = await _completed_houses(batch)
            if server is None:
                server, url = await asyncio.to_thread(_serve, forker, env)
            await asyncio.to_thread(
                _handover_then_kill, server, url, headers, house_ids, took * share
            )
            server = None
            if batch == 2:
                outcomes.append(await _outcome(database_url, first))
            outcomes.append(await _outcome(database_url, house_ids))
    finally:
        if server is not None:  # a failure before its kill
            server.kill()
            server.wait(timeout=10)
    # Nothing half-done whatever the moment of the kill.
    assert outcomes[0] == "whole"
    assert set(outcomes) <= {"whole", "none"}
