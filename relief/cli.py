"""The `relief` command: serve, migrate, load places, demo data, users and API tokens."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from relief.accounts import passwords
from relief.core.actor import SYSTEM
from relief.core.errors import DomainError, Invalid
from relief.core.roles import ROLES, Binding, spec
from relief.settings import Settings


class CliError(Exception):
    """Bad input: one line on stderr, exit status 2, nothing written."""


def _run(settings: Settings, work: Callable[[], Awaitable[Any]]) -> Any:
    from relief import db

    async def main() -> Any:
        await db.init_db(settings.database_url)
        try:
            return await work()
        finally:
            await db.close_db()

    return asyncio.run(main())


async def _migrate_now(database_url: str) -> None:
    """Applies the migrations, then rebuilds kept figures counted with other definitions (a
    figure added, a counting changed) or none yet, so that no figure reads 0 until a rebuild.
    Leaves the database open."""
    from relief import db
    from relief.ledger import kept as kept_books
    from relief.reports import kept

    await db.migrate(database_url)
    await db.init_db(database_url)
    await kept.rebuild_if_changed()
    await kept_books.rebuild_if_missing()  # a database from before the public books


def _migrate(settings: Settings) -> None:
    from relief import db

    async def main() -> None:
        async with db.one_at_a_time(settings.database_url):
            try:
                await _migrate_now(settings.database_url)
            finally:
                await db.close_db()

    asyncio.run(main())


def _print_logins(settings: Settings, logins: list[tuple[str, str, str]]) -> None:
    lines = [f"  {username:<12} {role:<9} {password}" for username, role, password in logins]
    text = "Demo logins (shown once; also saved to var/demo-logins.txt):\n" + "\n".join(lines)
    print(text)
    path = settings.var_dir / "demo-logins.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")


def _print_places(counts: Any) -> None:
    provinces = f"{counts.provinces_created} provinces, " if counts.provinces_created else ""
    print(
        f"Places: {provinces}{counts.communes_created} communes, "
        f"{counts.former_units_created} former units, {counts.hamlets_created} hamlets added."
    )
    for province, kept, library in counts.codes_kept:
        print(f"  province {province}: commune {kept} kept (the library's code is {library})")


def _load_places(settings: Settings) -> None:
    from relief.places.loader import load_places

    _print_places(_run(settings, load_places))


def _print_demo(settings: Settings, result: Any) -> None:
    if result.loaded:
        _print_logins(settings, result.logins)
    else:
        print("The database already has households: demo data not loaded again.")


def _demo(settings: Settings) -> None:
    from relief.demo import load_demo

    _print_demo(settings, _run(settings, load_demo))


def _prepare_to_serve(settings: Settings, demo: bool) -> None:
    """Migrations, places and the demo if asked, one server at a time: several servers started
    at once on one PostgreSQL database would otherwise migrate and load places side by side."""
    from relief import db
    from relief.demo import load_demo
    from relief.places.loader import load_places

    async def main() -> tuple[Any, Any]:
        async with db.one_at_a_time(settings.database_url):
            try:
                await _migrate_now(settings.database_url)
                return await load_places(), (await load_demo() if demo else None)
            finally:
                await db.close_db()

    places, loaded = asyncio.run(main())
    _print_places(places)
    if loaded is not None:
        _print_demo(settings, loaded)


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> None:
    _migrate(settings)
    print("Migrations applied.")


def cmd_load_places(settings: Settings, args: argparse.Namespace) -> None:
    if not args.all and not args.province:
        _load_places(settings)
        return
    from relief.places.loader import (
        UnknownProvince,
        library_provinces,
        load_country,
        provinces_asked,
    )

    codes = None if args.all else args.province
    try:
        if codes is not None:  # checked before the database is opened
            provinces_asked(codes, library_provinces())
    except UnknownProvince as exc:
        raise CliError(f"unknown province code: {exc}") from None
    _print_places(_run(settings, lambda: load_country(codes)))


def cmd_demo(settings: Settings, args: argparse.Namespace) -> None:
    _demo(settings)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    if settings.is_sqlite and args.workers != 1:
        raise CliError("SQLite allows one worker: use PostgreSQL for several.")
    _prepare_to_serve(settings, demo=args.demo)
    print(f"Relief is serving at http://{args.host}:{args.port}")
    uvicorn.run(
        "relief.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        http="httptools",
        loop="uvloop",
        log_level="info",
    )


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise CliError("The two passwords differ.")
    return first


def _check_binding(args: argparse.Namespace) -> None:
    """The binding the role takes, as the roles' table says: a commune or a sponsor given to a
    role that takes none is refused (the service checks the ones a role needs)."""
    bound_to = spec(args.role).bound_to
    if args.province and not bound_to.takes_province:
        raise CliError(f"--province: a {args.role} user is bound to no province.")
    if args.commune and not bound_to.takes_commune:
        raise CliError(f"--commune: a {args.role} user is bound to no commune.")
    if args.sponsor and not bound_to.takes_sponsor:
        raise CliError(f"--sponsor: a {args.role} user is bound to no sponsor.")


def cmd_user_add(settings: Settings, args: argparse.Namespace) -> None:
    from relief.accounts import service

    _check_binding(args)
    password = _read_password(args)

    async def work():
        return await service.create_user(
            SYSTEM,
            args.username,
            password,
            args.role,
            full_name=args.full_name or "",
            commune_code=args.commune,
            sponsor_name=args.sponsor,
            province_code=args.province,
        )

    user = _run(settings, work)
    print(f"User {user.username} ({user.role.value}) created.")


def cmd_token_create(settings: Settings, args: argparse.Namespace) -> None:
    from relief.accounts import tokens

    async def work():
        return await tokens.create_token(SYSTEM, args.username, args.name or "")

    _token, plain = _run(settings, work)
    print(plain)


def cmd_backup(settings: Settings, args: argparse.Namespace) -> None:
    from pathlib import Path

    from relief.backup import BackupError, backup

    try:
        result = backup(settings.database_url, Path(args.path))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    if result.integrity != "ok":
        raise CliError(f"The copy failed its integrity check: {result.integrity}")
    print(f"Backup written to {result.path} (integrity: ok).")
    for table, n in result.counts.items():
        print(f"  {table:<18} {n}")


def cmd_summaries(settings: Settings, args: argparse.Namespace) -> None:
    """`check` recounts every figure and prints each kept one that differs (exit 1);
    `rebuild` rewrites the kept figures from the records."""
    from relief.households import words
    from relief.ledger import goods
    from relief.ledger import kept as kept_books
    from relief.reports import kept

    if args.summaries_command == "rebuild":
        n = _run(settings, kept.rebuild)
        books = _run(settings, kept_books.rebuild)
        stocks = _run(settings, goods.rebuild)
        kept_words = _run(settings, words.rebuild)
        print(
            f"Summaries rebuilt: {n} figures kept, {books} months of the public books, "
            f"{stocks} goods stocks and the search words of {kept_words} households."
        )
        return
    lines = (
        _run(settings, kept.differences)
        + _run(settings, kept_books.differences)
        + _run(settings, goods.check)
        + _run(settings, words.differences)
    )
    for line in lines:
        print(line)
    if lines:
        print(f"{len(lines)} kept figures differ from a recount.", file=sys.stderr)
        raise SystemExit(1)
    print("Summaries: every kept figure equals a recount.")


def cmd_import_households(settings: Settings, args: argparse.Namespace) -> None:
    from relief.imports.cli import run_import

    status = run_import(settings, _run, args)  # 1: done, with conflicts listed; 2: not done
    if status != 0:
        raise SystemExit(status)


def cmd_import_conflict(settings: Settings, args: argparse.Namespace) -> None:
    from relief.imports.cli import settle_conflict

    settle_conflict(settings, _run, args)


def cmd_import_resume(settings: Settings, args: argparse.Namespace) -> None:
    from relief.imports.cli import resume_import

    resume_import(settings, _run, args)


def _bound_roles(takes: Callable[[Binding], bool], optional: str = "") -> str:
    """Which roles take a province, a commune or a sponsor, as the roles' table says."""
    parts = []
    for role, row in ROLES.items():
        if takes(row.bound_to):
            either = row.bound_to is Binding.COMMUNE_OR_PROVINCE and optional
            parts.append(f"{role}: " + (optional if either else "required"))
    return "; ".join(parts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="relief", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="migrate, load places and serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="PostgreSQL only; SQLite runs one")
    serve.add_argument("--demo", action="store_true", help="load demo data into an empty database")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="apply the database migrations").set_defaults(func=cmd_migrate)
    places = sub.add_parser(
        "load-places",
        help="load Thái Nguyên's places (communes, former units, hamlets) and, if asked, "
        "other provinces' communes and wards",
    )
    which = places.add_mutually_exclusive_group()
    which.add_argument(
        "--province",
        action="append",
        metavar="CODE",
        help="also load this province's communes and wards (its two-digit code; repeatable)",
    )
    which.add_argument(
        "--all", action="store_true", help="also load all 34 provinces' communes and wards"
    )
    places.set_defaults(func=cmd_load_places)
    sub.add_parser("demo", help="load demo data into an empty database").set_defaults(func=cmd_demo)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_command", required=True
    )
    add = user.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[role.value for role in ROLES])
    add.add_argument(
        "--province",
        help="two-digit code of the province "
        f"({_bound_roles(lambda b: b.takes_province, 'required without --commune')})",
    )
    add.add_argument(
        "--commune",
        help="GSO code of the commune "
        f"({_bound_roles(lambda b: b.takes_commune, 'optional, none for the province')})",
    )
    add.add_argument(
        "--sponsor", help=f"name of the sponsor ({_bound_roles(lambda b: b.takes_sponsor)})"
    )
    add.add_argument("--full-name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(func=cmd_user_add)

    backup = sub.add_parser("backup", help="copy the SQLite database while the app runs")
    backup.add_argument("path", help="the new backup file")
    backup.set_defaults(func=cmd_backup)

    token = sub.add_parser("token", help="manage API tokens").add_subparsers(
        dest="token_command", required=True
    )
    create = token.add_parser("create", help="create an API token and print it once")
    create.add_argument("username")
    create.add_argument("--name", help="what the token is for")
    create.set_defaults(func=cmd_token_create)
    imports = sub.add_parser("import", help="import lists from Excel or CSV").add_subparsers(
        dest="import_command", required=True
    )
    households = imports.add_parser("households", help="households and their damage")
    households.add_argument("file", help="an .xlsx or .csv file")
    households.add_argument("--commune", required=True, help="GSO code of today's commune")
    households.add_argument("--disaster", help="id of the disaster of the damage columns")
    households.add_argument(
        "--assessed-on",
        help="assessment date (dd/mm/yyyy) of every row, for a list without that column",
    )
    households.add_argument(
        "--good-rows",
        action="store_true",
        help="import the rows without errors of a file with errors",
    )
    households.add_argument(
        "--bad-rows", help="write the rows with errors, to correct, to this .xlsx file"
    )
    households.add_argument("--dry-run", action="store_true", help="preview only, write nothing")
    households.add_argument(
        "--duplicates", choices=["keep", "drop"], help="what to do with every likely duplicate"
    )
    households.set_defaults(func=cmd_import_households)
    conflict = imports.add_parser("conflict", help="settle a conflict of a done import")
    conflict.add_argument("import_id", type=int, help="the import's number")
    conflict.add_argument("row", type=int, help="the row of the conflict in the file")
    conflict.add_argument(
        "--take",
        required=True,
        choices=["record", "file"],
        help="keep the record as it is, or take the file's values",
    )
    conflict.set_defaults(func=cmd_import_conflict)
    resume = imports.add_parser("resume", help="write the rest of an interrupted import")
    resume.add_argument("import_id", type=int, help="the import's number")
    resume.add_argument("--cancel", action="store_true", help="cancel it instead")
    resume.add_argument(
        "--good-rows", action="store_true", help="it was confirmed for its good rows"
    )
    resume.set_defaults(func=cmd_import_resume)
    summaries = sub.add_parser("summaries", help="the kept summary figures").add_subparsers(
        dest="summaries_command", required=True
    )
    summaries.add_parser("check", help="recount every figure; exit 1 if one differs")
    summaries.add_parser("rebuild", help="rewrite the kept figures from the records")
    for name in ("check", "rebuild"):
        summaries.choices[name].set_defaults(func=cmd_summaries)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        passwords.use_profile(settings.password_profile)
        args.func(settings, args)
    except Invalid as exc:
        messages = "; ".join(f"{field}: {msg}" for field, msg in exc.field_errors.items())
        print(f"relief: {messages}", file=sys.stderr)
        raise SystemExit(2) from None
    except (CliError, DomainError, ValueError) as exc:
        print(f"relief: {getattr(exc, 'message', None) or exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
