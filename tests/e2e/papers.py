"""Reading the PDFs Chromium prints: page sizes and text per page, with poppler's tools."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

A4 = (595, 842)  # points, portrait; ±1 for Chromium's rounding


@dataclass
class Printed:
    pages: list[str]  # the text of each page in reading order (columns kept apart)
    sizes: list[tuple[float, float]]  # width, height of each page in points
    path: Path = field(repr=False)

    @cached_property
    def rows(self) -> list[str]:
        """The text of each page laid out as printed (a table row on one line), read from the
        PDF when a test first asks for it."""
        rows = _pages(self.path, "-layout")
        assert len(rows) == len(self.pages)
        return rows

    @property
    def text(self) -> str:
        """All the text, in reading order, with every run of spaces and line ends as one space."""
        return re.sub(r"\s+", " ", " ".join(self.pages))

    def is_a4(self, landscape: bool = False) -> bool:
        want = (A4[1], A4[0]) if landscape else A4
        return all(abs(w - want[0]) < 2 and abs(h - want[1]) < 2 for w, h in self.sizes)

    def page_of(self, needle: str) -> int:
        """The index of the first page that holds `needle` (spaces of the layout ignored)."""
        squeezed = re.sub(r"\s+", " ", needle)
        for n, text in enumerate(self.pages):
            if squeezed in re.sub(r"\s+", " ", text):
                return n
        raise AssertionError(f"{needle!r} is printed on no page")


def print_pdf(page, url: str | None, path: Path) -> Printed:
    """Prints the page at `url`, or with None the page as it stands (loaded, not loaded again),
    as the browser's print dialogue would (A4, the CSS page rules)."""
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: `make test` installs poppler-utils")
    if url is None:
        page.wait_for_load_state()
        status = page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")
        assert status == 200, page.url
    else:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True, print_background=True)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [
        (float(w), float(h))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    ]
    pages = _pages(path)
    assert len(pages) == len(sizes)
    return Printed(pages=pages, sizes=sizes, path=path)


def _pages(path: Path, *options: str) -> list[str]:
    text = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def no_screen_controls(printed: Printed) -> bool:
    """Neither the Print button ("In") nor a back link ("‹ …") nor the menu is on paper."""
    text = printed.text
    return (
        re.search(r"(?<![\w])In(?![\w])", text) is None
        and "‹" not in text
        and "Đăng xuất" not in text
        and "Relief" not in text
    )
