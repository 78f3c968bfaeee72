"""Password hashes are computed off the event loop and at most two at a time per process."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher

from relief.accounts import passwords


async def test_twenty_simultaneous_logins_hash_two_at_a_time_and_the_server_goes_on():
    # A real hash, dearer than the tests' cheapest (8 MiB; the server's take 64 MiB each).
    stored = PasswordHasher(time_cost=2, memory_cost=8192, parallelism=1).hash("mật khẩu đủ dài")
    running: list[int] = []
    done = asyncio.Event()

    async def watch() -> None:  # another request's share of the event loop, meanwhile
        while not done.is_set():
            running.append(passwords.running)
            await asyncio.sleep(0.002)

    async def logins() -> list[bool]:
        try:
            return await asyncio.gather(
                *(passwords.check_password(stored, "mật khẩu đủ dài") for _ in range(20))
            )
        finally:
            done.set()

    results, _ = await asyncio.gather(logins(), watch())
    assert results == [True] * 20
    assert max(running) == passwords.AT_ONCE == 2
    assert len(running) > 20  # the loop kept serving while the hashes were computed
