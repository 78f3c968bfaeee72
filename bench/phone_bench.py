"""`make bench-phone`: Relief on a cheap phone and a weak network, and photos within memory.

Serves the demo (`relief serve --demo`) and measures:

- the time to first contentful paint of the household list, a household page and the commune
  summary in Chromium at 360x740 under 400 kbps, 400 ms round trip and the CPU slowed 4x
  (CDP Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate), cold cache;
  target 2 s each;
- four 40-megapixel camera JPEGs uploaded at the same time: the server's peak memory (target
  under 600 MB), how long they took, and the slowest /healthz answer meanwhile.

Prints the figures and writes bench/phone-results.json. Usage: python bench/phone_bench.py
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from PIL import Image, ImageDraw

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CHROMIUM = "/usr/bin/chromium"
THAN_SA = "05725"
PAGES = {
    "household list": "/households",
    "household page": "/households/{household}",
    "commune summary": f"/reports/communes/{THAN_SA}",
}
NETWORK = {
    "offline": False,
    "latency": 400,  # ms round trip
    "downloadThroughput": 400_000 / 8,  # bytes/s
    "uploadThroughput": 400_000 / 8,
}
CPU_SLOWDOWN = 4
TARGET_PAINT_S = 2.0
TARGET_MEMORY_MB = 600


def serve(var_dir: Path) -> tuple[subprocess.Popen, str, dict[str, str]]:
    with socket_port() as port:
        pass
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELIEF_")}
    env["RELIEF_VAR_DIR"] = str(var_dir)
    cmd = [sys.executable, "-m", "relief.cli", "serve", "--demo", "--port", str(port)]
    return start_demo_server(cmd, env, port, var_dir, seconds=300)


def start_demo_server(
    cmd: list[str], env: dict[str, str], port: int, var_dir: Path, seconds: float
) -> tuple[subprocess.Popen, str, dict[str, str]]:
    """Starts the server command, waits until /healthz answers, and reads the demo's logins
    (username -> password) from the file `relief demo` writes."""
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
    else:
        proc.terminate()
        raise SystemExit(f"{' '.join(cmd[2:4])} did not start")
    lines = (var_dir / "demo-logins.txt").read_text(encoding="utf-8").splitlines()[1:]
    logins = {line.split()[0]: line.split()[2] for line in lines}
    return proc, url, logins


class socket_port:
    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """The process's resident memory (or its peak, with field="VmHWM") from /proc, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def logged_in(url: str, username: str, password: str) -> httpx.Client:
    http = httpx.Client(base_url=url, timeout=300)
    http.get("/login")
    token = http.cookies["relief_csrf"]
    answer = http.post(
        "/login", data={"username": username, "password": password, "_csrf_token": token}
    )
    if answer.status_code != 303:
        raise SystemExit(f"login failed: {answer.status_code}")
    return http


def camera_jpeg(seed: int, size=(7300, 5450)) -> bytes:
    """A 39.8-megapixel JPEG: what the decoder holds is the pixels, whatever the file size."""
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(img)
    for i in range(40):
        x, y = (i * 977 + seed * 131) % size[0], (i * 613 + seed * 71) % size[1]
        draw.rectangle((x, y, x + 600, y + 400), fill=(30 * i % 255, 90 + seed * 20, 160))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=85)
    return out.getvalue()


def photos_within_memory(proc: subprocess.Popen, url: str, logins: dict, var_dir: Path) -> dict:
    db = sqlite3.connect(var_dir / "relief.sqlite3")
    cases = [
        row[0]
        for row in db.execute(
            "SELECT h.id FROM house_case h JOIN commune c ON c.id = h.commune_id "
            "WHERE c.code = ? AND h.stage NOT IN ('cancelled') ORDER BY h.id",
            (THAN_SA,),
        )
    ]
    db.close()
    files = [camera_jpeg(i) for i in range(4)]
    http = logged_in(url, "thansa", logins["thansa"])
    token = http.cookies["relief_csrf"]
    baseline = rss_mb(proc.pid)
    peak, health, done = baseline, [], threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb(proc.pid))
            started = time.monotonic()
            try:
                httpx.get(url + "/healthz", timeout=10)
                health.append(time.monotonic() - started)
            except httpx.HTTPError:
                health.append(10.0)
            time.sleep(0.02)

    def upload(i: int) -> int:
        case = cases[i % len(cases)]
        page = http.get(f"/houses/{case}").text
        stage = re.search(r'name="stage">\s*<option value="(\w+)"', page)
        data = {"_csrf_token": token, "stage": stage.group(1) if stage else ""}
        files_ = {"file": (f"camera-{i}.jpg", files[i], "image/jpeg")}
        return http.post(f"/houses/{case}/photos", data=data, files=files_).status_code

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(upload, range(4)))
    elapsed = time.monotonic() - started
    done.set()
    watcher.join()
    return {
        "uploads": "4 x 40-megapixel JPEG at once",
        "file_mb": [round(len(f) / 1e6, 1) for f in files],
        "statuses": statuses,
        "server_rss_before_mb": round(baseline),
        "server_peak_rss_mb": round(peak),
        "target_mb": TARGET_MEMORY_MB,
        "seconds": round(elapsed, 1),
        "healthz_slowest_ms": round(1000 * max(health or [0])),
    }


def first_paint(url: str, logins: dict, var_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    db = sqlite3.connect(var_dir / "relief.sqlite3")
    household = db.execute(
        "SELECT h.id FROM household h JOIN commune c ON c.id = h.commune_id WHERE c.code = ? "
        "ORDER BY h.id LIMIT 1",
        (THAN_SA,),
    ).fetchone()[0]
    db.close()
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        login = browser.new_context()
        page = login.new_page()
        page.goto(url + "/login")
        page.fill("input[name=username]", "thansa")
        page.fill("input[name=password]", logins["thansa"])
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        state = login.storage_state()
        login.close()
        for name, path in PAGES.items():
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, is_mobile=True, storage_state=state
            )
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            page.goto(url + path.format(household=household), wait_until="load", timeout=120_000)
            paint = page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
            )
            weight = page.evaluate(
                "performance.getEntriesByType('navigation')[0].transferSize + "
                "performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, 0)"
            )
            results[name] = {
                "path": path,
                "first_paint_s": round(paint / 1000, 2) if paint is not None else None,
                "transferred_kb": round(weight / 1024, 1),
                "target_s": TARGET_PAINT_S,
            }
            context.close()
        browser.close()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="relief-phone-bench-") as tmp:
        var_dir = Path(tmp) / "var"
        proc, url, logins = serve(var_dir)
        try:
            results = {
                "profile": {
                    "network": NETWORK,
                    "cpu_slowdown": CPU_SLOWDOWN,
                    "viewport": "360x740",
                },
                "first_paint": first_paint(url, logins, var_dir),
                "photos": photos_within_memory(proc, url, logins, var_dir),
            }
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    (BENCH / "phone-results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
