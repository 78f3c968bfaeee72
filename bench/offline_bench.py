"""`make bench-offline`: a commune of 5,000 households kept on a phone for offline work.

Serves the demo (`relief serve --demo`), brings Thần Sa to 5,000 live households (rows written
straight into the database, with Vietnamese names from bench/names.py), then in Chromium at
360x740 under the phone profile of bench/phone_bench.py (400 kbps, 400 ms round trip, CPU
slowed 4x) logs in and opens one page, and measures:

- the whole list: its size as sent (gzip) and unpacked, the time of its request, and the time
  from opening the page until the list is kept in IndexedDB (the page, the service worker's
  first files and one damage form loaded meanwhile); target 15 s;
- one household changed on the server: the next sync's size and time (only the changes).

Prints the figures and writes bench/offline-results.json. Usage: python bench/offline_bench.py
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.names import GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, SURNAMES  # noqa: E402
from bench.phone_bench import CHROMIUM, CPU_SLOWDOWN, NETWORK, THAN_SA, serve  # noqa: E402
from relief.core.text import fold  # noqa: E402

HOUSEHOLDS = 5000
TARGET_S = 15.0
KEPT = """() => new Promise((ok) => {
  const r = indexedDB.open("relief-offline");
  r.onsuccess = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains("data")) { db.close(); return ok(null); }
    const q = db.transaction("data").objectStore("data").get("list");
    q.onsuccess = () => {
      db.close();
      const l = q.result;
      ok(l ? { n: l.households.length, at: l.at, sent: l.sent,
               bytes: new Blob([JSON.stringify(l.households)]).size } : null);
    };
  };
})"""
TIMING = """() => performance.getEntriesByType("resource")
  .filter((e) => e.name.includes("/offline/households.json"))
  .map((e) => ({ url: e.name, ms: e.responseEnd - e.startTime, sent: e.encodedBodySize,
                 unpacked: e.decodedBodySize }))"""


def _pick(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def fill_commune(db_path: Path) -> int:
    """Thần Sa's live households brought to HOUSEHOLDS; returns how many were added."""
    db = sqlite3.connect(db_path)
    commune = db.execute("SELECT id FROM commune WHERE code = ?", (THAN_SA,)).fetchone()[0]
    hamlets = [r[0] for r in db.execute("SELECT id FROM hamlet WHERE commune_id = ?", (commune,))]
    have = db.execute(
        "SELECT COUNT(*) FROM household WHERE commune_id = ? AND archived_at IS NULL", (commune,)
    ).fetchone()[0]
    rng = random.Random(30)
    # An hour ago: before any cursor the phone is given.
    at = (datetime.now(UTC) - timedelta(hours=1)).isoformat(sep=" ")
    rows = []
    for i in range(HOUSEHOLDS - have):
        male = rng.random() < 0.7
        name = " ".join(
            [
                _pick(rng, SURNAMES),
                _pick(rng, MIDDLE_MALE if male else MIDDLE_FEMALE),
                rng.choice(GIVEN_MALE if male else GIVEN_FEMALE),
            ]
        )
        rows.append(
            (commune, hamlets[i % len(hamlets)], name, fold(name), "male" if male else "female",
             rng.randint(1935, 2002), rng.randint(1, 9), "Tày", "none", 0, 0, 0, 0, "", at, at, 1)
        )  # fmt: skip
    db.executemany(
        "INSERT INTO household (commune_id, hamlet_id, head_name, head_name_key, gender, "
        "birth_year, members, ethnicity, poverty_status, revolutionary_service, martyr_family, "
        "social_protection, especially_hard, address_detail, created_at, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.commit()
    db.close()
    return len(rows)


def change_one(db_path: Path) -> None:
    db = sqlite3.connect(db_path)
    db.execute(
        "UPDATE household SET members = members % 9 + 1, updated_at = ?, version = version + 1 "
        "WHERE id = (SELECT MAX(h.id) FROM household h JOIN commune c ON c.id = h.commune_id "
        "WHERE c.code = ?)",
        (datetime.now(UTC).isoformat(sep=" "), THAN_SA),
    )
    db.commit()
    db.close()


def wait_kept(page, after: float, seconds: float = 300) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kept = page.evaluate(KEPT)
        if kept and kept["at"] > after and kept["n"] >= HOUSEHOLDS:
            return kept
        page.wait_for_timeout(100)
    raise SystemExit("the list was not kept")


def measure(url: str, logins: dict) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu"]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        login = browser.new_context()
        page = login.new_page()
        page.goto(url + "/login")
        page.set_default_timeout(120_000)
        page.fill("#f-username", "thansa")
        page.fill("#f-password", logins["thansa"])
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        state = login.storage_state()
        login.close()
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, is_mobile=True, storage_state=state
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        started = time.monotonic()
        page.goto(url + "/offline", timeout=120_000)
        kept = wait_kept(page, 0)
        whole_s = time.monotonic() - started
        whole = page.evaluate(TIMING)[-1]
        change_one(VAR_DB)
        # The next page, a minute later as far as the phone knows: only the changes come.
        page.evaluate(
            """() => new Promise((ok) => {
              const r = indexedDB.open("relief-offline");
              r.onsuccess = () => {
                const tx = r.result.transaction("data", "readwrite");
                const s = tx.objectStore("data");
                s.get("list").onsuccess = (e) => {
                  const l = e.target.result;
                  l.at = 0;
                  s.put(l, "list");
                };
                tx.oncomplete = () => { r.result.close(); ok(true); };
              };
            })"""
        )
        started = time.monotonic()
        page.goto(url + "/offline", timeout=120_000)
        wait_kept(page, 1)
        delta_s = time.monotonic() - started
        delta = page.evaluate(TIMING)[-1]
        browser.close()
    return {
        "households": kept["n"],
        "whole_list": {
            "sent_kb": round(whole["sent"] / 1024, 1),
            "unpacked_kb": round(whole["unpacked"] / 1024, 1),
            "kept_kb": round(kept["bytes"] / 1024, 1),
            "request_s": round(whole["ms"] / 1000, 2),
            "page_to_kept_s": round(whole_s, 2),
            "target_s": TARGET_S,
        },
        "changes_since": {
            "url": delta["url"].split("/", 3)[-1],
            "sent_kb": round(delta["sent"] / 1024, 2),
            "request_s": round(delta["ms"] / 1000, 2),
            "page_to_kept_s": round(delta_s, 2),
        },
    }


VAR_DB = Path()


def main() -> None:
    global VAR_DB
    with tempfile.TemporaryDirectory(prefix="relief-offline-bench-") as tmp:
        var_dir = Path(tmp) / "var"
        proc, url, logins = serve(var_dir)
        VAR_DB = var_dir / "relief.sqlite3"
        try:
            added = fill_commune(VAR_DB)
            results = {
                "profile": {
                    "network": NETWORK,
                    "cpu_slowdown": CPU_SLOWDOWN,
                    "viewport": "360x740",
                },
                "added_households": added,
                **measure(url, logins),
            }
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    (BENCH / "offline-results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
