"""Light: the service worker and every script, as served compressed, weigh 30 KB at most."""

from relief.app import PACKAGE_DIR

BUDGET = 30 * 1024


async def test_the_service_worker_and_scripts_stay_within_30_kb_compressed(client):
    scripts = sorted(p for p in (PACKAGE_DIR / "static").glob("*.js") if p.name != "sw.js")
    assert {p.name for p in scripts} >= {"offline.js", "photo-upload.js"}
    total = 0
    for url in ["/sw.js", *(f"/static/{p.name}" for p in scripts)]:
        response = await client.get(url, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, url
        assert response.headers["content-type"] == "text/javascript; charset=utf-8", url
        total += response.num_bytes_downloaded  # the bytes sent, compressed when served so
    assert total <= BUDGET, total
