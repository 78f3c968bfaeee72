"""The framework's floor, served beside the app in the same run: a 92-row Jinja page and a
JSON endpoint of the same rows (the province's 92 communes), no database, no middleware.
Served by `uvicorn bench.trivial_app:app`."""

from __future__ import annotations

from jinja2 import DictLoader, Environment
from litestar import Litestar, get
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig

ROWS = [
    {"code": f"{5000 + 7 * i:05d}", "name": f"Xã số {i + 1}", "households": 1000 + 37 * i,
     "houses": 40 + i, "money": f"{(i + 1) * 1_250_000:,}".replace(",", ".") + " ₫"}
    for i in range(92)
]  # fmt: skip
PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><main><h1>{{ title }}</h1><table><thead><tr><th>Mã</th><th>Xã</th><th>Hộ</th>
<th>Nhà</th><th>Tiền</th></tr></thead><tbody>
{% for r in rows %}<tr><td>{{ r.code }}</td><td><a href="/c/{{ r.code }}">{{ r.name }}</a></td>
<td>{{ r.households }}</td><td>{{ r.houses }}</td><td>{{ r.money }}</td></tr>
{% endfor %}</tbody></table></main></body></html>"""


@get("/page", sync_to_thread=False)
def page() -> Template:
    return Template("page.html", context={"title": "Các xã", "rows": ROWS})


@get("/json", sync_to_thread=False)
def data() -> list[dict]:
    return ROWS


@get("/healthz", sync_to_thread=False)
def healthz() -> str:
    return "ok"


app = Litestar(
    [page, data, healthz],
    template_config=TemplateConfig(
        instance=JinjaTemplateEngine.from_environment(
            Environment(loader=DictLoader({"page.html": PAGE}), autoescape=True)
        )
    ),
)
