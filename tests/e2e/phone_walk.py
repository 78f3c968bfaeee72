"""The phone walk: every page of every role on a 360 px phone, nothing wider than the screen,
pages stay light, and axe-core finds no accessibility violation.

The pages come from the app's route table and the access matrix's declarations, with the
path parameters filled by the matrix's resolvers, so a new page is checked without being
listed here. The walk is run by two files, so that pytest-xdist (`--dist loadfile`) gives them
to two workers: test_phone_fit_admin_browser.py (the administrator, who opens nearly every
page) and test_phone_fit_browser.py (the other roles).
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from relief.db import close_db, init_db
from relief.demo import DEMO_USERS
from relief.settings import default_database_url
from tests.access import ROLES
from tests.accounts.test_access_matrix import PARAM, _declarations, _routes

PHONE = {"width": 360, "height": 740}
MAX_PAGE_BYTES = 60 * 1024  # HTML, CSS and scripts of one page (photos not counted)
# One demo user per role of the access matrix (its world is the demo's: Thần Sa, Báo Xây dựng).
USERS = {role: username for username, role, *_ in DEMO_USERS if role in ROLES}
# Pages that are files or actions, not screens.
NOT_SCREENS = re.compile(r"^/(api|static|schema|healthz|lang|photos)\b|/export|\.\w+$|/logout")

# The outermost element that reaches past the screen's right edge, to say what to fix.
WIDEST = """() => {
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right > 360.5) {
      return el.outerHTML.slice(0, 120);
    }
  }
  return 'nothing visible';
}"""


async def _urls(var_dir) -> dict[str, list[tuple[str, str, int]]]:
    """Each role's pages: every GET screen its rules allow (its route, and its address with ids
    of records in scope), and the one status each answers the role (200, or the redirect its
    rule declares)."""
    from relief.app import create_app
    from relief.settings import Settings

    await init_db(default_database_url(var_dir))
    try:
        rules, resolvers = _declarations()
        settings = Settings.from_env({"RELIEF_VAR_DIR": str(var_dir)})
        urls: dict[str, list[tuple[str, str, int]]] = {role: [] for role in USERS}
        for method, path in _routes(create_app(settings)):
            if method != "GET" or NOT_SCREENS.search(path):
                continue
            rule = rules[(method, path)]
            for role in USERS:
                if role not in rule.allowed and not rule.public:
                    continue
                values = {name: await resolvers[name](role, True) for name in PARAM.findall(path)}
                if None in values.values():
                    continue
                url = PARAM.sub(lambda m, v=values: str(v[m.group(1)]), path)
                urls[role].append((path, url, rule.answer(method, role)))
        return urls
    finally:
        await close_db()


def urls_by_role(live_server) -> dict[str, list[tuple[str, str, int]]]:
    """Each role's pages (`_urls`), read while the browser's event loop owns this thread: the
    database is read from another one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _urls(live_server.var_dir)).result()


def _login(page, url: str, username: str, password: str) -> None:
    """Logs in through the form to the light account page: each role's own landing page is
    checked with the others, so it is not drawn a second time here."""
    page.goto(url + "/login?next=/account")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(url + "/account")


# axe-core (package.json; `make test` installs it) with its default rules: WCAG 2 A and AA
# and the best practices, each violation named by its rule, how many elements, the first one.
# The script is read into the walk's tab once: `set_content` writes each page into the same
# document (document.open), which keeps the window's globals, axe among them (reading its
# half-megabyte script again for each page cost 9 of the administrator's 50 s of CPU). Its
# report leaves out the rules passed (`no-passes`), which the walk never reads.
AXE = (Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js").read_text()
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations'], reporter: 'no-passes',
  iframes: false}).then((r) => r.violations.map(
  (v) => `${v.id} (${v.impact}, ${v.nodes.length} elements): ${v.nodes[0].target.join(' ')}`))"""


def axe_routes(role_urls: dict[str, list[tuple[str, str, int]]], role: str) -> set[str]:
    """The routes whose page axe checks in this role's walk: each route once, for the first
    role in USERS (the administrator first, who opens nearly every page) that opens it. The
    template is the same for every role, and axe is most of the walk's cost. Decided from the
    routes alone, so that the roles' walks may run in different processes."""
    earlier = set()
    for other in USERS:
        if other == role:
            break
        earlier |= {route for route, *_ in role_urls[other]}
    return {route for route, *_ in role_urls[role]} - earlier


# The files a page loads with it, counted in its weight (photos are not the page).
FILES = """() => [
  ...[...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href),
  ...[...document.scripts].filter((s) => s.src).map((s) => s.src),
]"""


def walk(live_server, browser, role_urls, role: str) -> None:
    """Each page is asked for with the role's session and laid out by Chromium from that HTML,
    with its styles and scripts, in a tab already on the app: a navigation per page cost twice
    the CPU of laying the page out, for the same layout. (A test per role: the walk is then not
    one long test that pytest-xdist hands out last.)"""
    username = USERS[role]
    axe_checks = axe_routes(role_urls, role)
    failures, checked = [], 0
    file_bytes: dict[str, int] = {}  # the same few files on every page: counted once each
    # The offline service worker copies every page an officer opens; it changes no layout.
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", is_mobile=True, service_workers="block"
    )
    page = context.new_page()
    _login(page, live_server.url, username, live_server.logins[username])
    for route, url, status in role_urls[role]:
        answer = context.request.get(live_server.url + url, max_redirects=0)
        if answer.status != status:  # an error page is a failure, not a page checked
            failures.append(f"{role} {url}: answered {answer.status}, expected {status}")
            continue
        if status != 200 or "text/html" not in answer.headers.get("content-type", ""):
            continue  # a redirect or a download, not a page
        html = answer.body()
        page.set_content(html.decode())
        checked += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprit = page.evaluate(WIDEST)
            failures.append(f"{role} {url}: {width} px wide, because of {culprit}")
        weight = len(html)
        for file in page.evaluate(FILES):
            if file not in file_bytes:
                file_bytes[file] = len(context.request.get(file).body())
            weight += file_bytes[file]
        if weight > MAX_PAGE_BYTES:
            failures.append(f"{role} {url}: {weight} bytes")
        if route not in axe_checks:
            continue
        axe_checks.discard(route)
        # Run in the page's world by the browser's debugger, as the page's own scripts are not:
        # its content security policy allows no inline script.
        if page.evaluate("typeof axe") == "undefined":
            page.evaluate(AXE)
        failures.extend(f"{role} {url}: axe {v}" for v in page.evaluate(AXE_RUN))
    context.close()
    # Most of what a role may GET are screens (the rest are files): a walk that laid out few
    # pages checked nothing.
    assert checked >= max(5, len(role_urls[role]) // 2), f"only {checked} pages checked"
    assert not failures, "\n".join(failures)
