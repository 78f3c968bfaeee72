"""PostgreSQL's connection pool is sized by the database URL (a setting), per app process."""

from __future__ import annotations

from tortoise import Tortoise, connections

from relief.db import tortoise_config
from tests.databases import pg_url


async def test_the_pool_size_comes_from_the_database_url():
    url = pg_url("postgres") + "?minsize=1&maxsize=3"
    await Tortoise.init(config=tortoise_config(url))
    try:
        connection = connections.get("postgres")
        await connection.execute_query("SELECT 1")  # the pool opens with the first query
        assert (connection._pool._minsize, connection._pool._maxsize) == (1, 3)
    finally:
        await Tortoise.close_connections()


async def test_a_connection_given_back_to_the_pool_is_not_reset_by_a_statement():
    from relief.db import _keep_session

    await Tortoise.init(config=tortoise_config(pg_url("postgres")))
    try:
        connection = connections.get("postgres")
        await connection.execute_query("SELECT 1")
        assert connection._pool._reset is _keep_session
    finally:
        await Tortoise.close_connections()
