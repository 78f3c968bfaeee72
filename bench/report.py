"""Markdown tables of bench/results.json (issue 29), for docs/performance.md.
Usage: python bench/report.py [bench/results.json]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _cell(v) -> str:
    return "—" if v is None else f"{v:g}"


def main() -> None:
    results = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else BENCH / "results.json")
                         .read_text(encoding="utf-8"))  # fmt: skip
    targets = results.get("targets", {})
    for backend, runs in results["backends"].items():
        scales = sorted(runs, key=float)
        print(f"\n**{backend}** (CPU per request, ms: server" + (" + database" if backend ==
              "postgres" else "") + "; `sql`: the page's own SQL replayed; load average at the "
              "start of each scale: " + ", ".join(f"{s}×: {runs[s]['load_average_before'][0]}"
                                                  for s in scales) + ")\n")  # fmt: skip
        head = "| read | " + " | ".join(f"{s}× | sql" for s in scales)
        flat = list(targets.get(backend, {}).get("flat", {}))
        print(head + "".join(f" | {p}" for p in flat) + " |")
        print("|---" * (1 + 2 * len(scales) + len(flat)) + "|")
        for key in runs[scales[0]]["reads"]:
            cells = []
            for s in scales:
                r = runs[s]["reads"].get(key, {})
                cells += [_cell(r.get("cpu_ms")), _cell(r.get("sql_cpu_ms"))]
            for pair in flat:
                v = targets[backend]["flat"][pair].get(key, {})
                mark = "" if v.get("met") is None else (" ✓" if v["met"] else " ✗")
                cells.append(_cell(v.get("value")) + mark)
            print(f"| {key} | " + " | ".join(cells) + " |")
        for key in runs[scales[0]]["writes"]:
            cells = []
            for s in scales:
                cells += [_cell(runs[s]["writes"].get(key, {}).get("cpu_ms")), ""]
            print(f"| {key} | " + " | ".join(cells) + " |" + " |" * len(flat))
        for key in ("page", "json"):
            cells = []
            for s in scales:
                cells += [_cell(runs[s]["framework"][key]["cpu_ms"]), ""]
            print(f"| framework {key} | " + " | ".join(cells) + " |" + " |" * len(flat))
        for s in scales:
            verdicts = targets.get(backend, {}).get("reads_vs_framework", {}).get(s, {})
            met = [k for k, v in verdicts.items() if v.get("met")]
            missed = {k: v["gap"] for k, v in verdicts.items() if v.get("met") is False}
            limit = next(iter(verdicts.values()), {}).get("limit")
            print(f"\n{backend} {s}×, target 1 (≤ {limit} ms, 10× the framework's page): met by "
                  f"{', '.join(met) or 'none'}; missed (× the limit): "
                  + ", ".join(f"{k} {g}" for k, g in missed.items()))  # fmt: skip
    pg = targets.get("postgres_vs_sqlite", {})
    for s, verdicts in pg.items():
        print(f"\nPostgreSQL ÷ SQLite at {s}×: " + ", ".join(
            f"{k} {v['value']}{'' if v['met'] else ' ✗'}" for k, v in verdicts.items()))  # fmt: skip


if __name__ == "__main__":
    main()
