"""The error summary above a form names each field: "Họ tên chủ hộ: Chưa điền".

`form_errors` (templates/_macros/forms.html) renders the summary before the form, when the
fields' labels are not written yet; each line links to its field (`#f-head_name`). The page's
content passes through `name_error_fields` (templates/base.html), which, only on a page with a
summary, puts before each line's message the text of the label of the field it links to: a
`<label for=…>`, the `<label>` around a check box, or a fieldset's `<legend>`. The labels are
already in the user's language, as are the messages.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

SUMMARY = re.compile(r'(<div class="[^"]*\berror-summary\b[^"]*"[^>]*>)(.*?)(</div>)', re.S)
LINE = re.compile(r'<a href="#([^"]+)">(.*?)</a>', re.S)


class _Labels(HTMLParser):
    """The text naming each element id of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: dict[str, str] = {}
        self._open: list[tuple[str, str | None, list[str], list[str]]] = []  # tag, for, text, ids
        self._hidden = 0  # inside aria-hidden (the required mark "*")
        self._fieldsets: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._hidden or a.get("aria-hidden") == "true":
            self._hidden += tag not in {"input", "br", "img"}
            return
        if tag == "fieldset":
            self._fieldsets.append(a.get("id"))
        if tag == "legend":
            target = self._fieldsets[-1] if self._fieldsets else None
            self._open.append(("legend", target, [], []))
        elif tag == "label":
            self._open.append(("label", a.get("for"), [], []))
        elif a.get("id") and self._open and self._open[-1][0] == "label":
            self._open[-1][3].append(a["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            self._hidden -= 1
            return
        if tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        if tag in {"label", "legend"} and self._open and self._open[-1][0] == tag:
            _tag, target, text, ids = self._open.pop()
            name = " ".join("".join(text).split())
            for key in [target, *ids]:
                if key and name:
                    self.names.setdefault(key, name)

    def handle_data(self, data: str) -> None:
        if not self._hidden and self._open:
            self._open[-1][2].append(data)


def name_error_fields(html: str) -> Markup:
    """The page's HTML with its error summary's lines naming their fields."""
    if "error-summary" not in html:
        return Markup(html)
    parser = _Labels()
    parser.feed(str(html))
    names = parser.names

    def line(m: re.Match) -> str:
        target, message = m.group(1), m.group(2)
        name = (names.get(target) or "").rstrip(" :")
        if not name or message.startswith(f"{escape(name)}: "):  # named already
            return m.group(0)
        return f'<a href="#{target}">{escape(name)}: {message}</a>'

    def summary(m: re.Match) -> str:
        return m.group(1) + LINE.sub(line, m.group(2)) + m.group(3)

    return Markup(SUMMARY.sub(summary, str(html)))
