"""The message catalogue: one translation per message, and a Vietnamese one for every message used.

The catalogue is split in one file per area and read as one; a message id (with its context)
translated differently in two files would depend on which file is read last.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import relief
import relief.app  # every area registers its labels
from relief.core import labels
from relief.core.i18n import catalogue_entries, pgettext, translations
from tests.core.sources import syntax_tree

ROOT = Path(relief.__file__).parent
TEMPLATES = ROOT.parent / "templates"
# _("...") and pgettext("context", "...") in templates, with either quote.
_STRING = r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
TEMPLATE_CALL = re.compile(r"(?<![\w.])_\(\s*" + _STRING + r"\s*[,)]")
TEMPLATE_PGETTEXT = re.compile(r"(?<![\w.])pgettext\(\s*" + _STRING + r"\s*,\s*" + _STRING)
# Services raise these with English messages that the pages and the API translate.
ERRORS = {"Invalid", "Conflict", "NotFound", "Forbidden"}

Key = tuple[str | None, str]


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _from_python(path: Path) -> set[Key]:
    found: set[Key] = set()
    for node in ast.walk(syntax_tree(path)):
        if isinstance(node, ast.Assign) and _text(node.value) is not None:
            target = node.targets[0]  # errors["field"] = "message"
            if isinstance(target, ast.Subscript) and "error" in ast.unparse(target.value).lower():
                found.add((None, _text(node.value)))
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if name in ("gettext", "_") and _text(first) is not None:
            found.add((None, _text(first)))
        elif name == "pgettext" and len(node.args) > 1:
            context, message = _text(first), _text(node.args[1])
            if context is not None and message is not None:
                found.add((context, message))
        elif name in ERRORS:
            if _text(first) is not None:
                found.add((None, _text(first)))
            elif isinstance(first, ast.Dict):
                found |= {(None, _text(v)) for v in first.values if _text(v) is not None}
    return found


def _from_templates(path: Path) -> set[Key]:
    text = path.read_text(encoding="utf-8")
    found: set[Key] = {(None, m[0] or m[1]) for m in TEMPLATE_CALL.findall(text)}
    for m in TEMPLATE_PGETTEXT.findall(text):
        found.add((m[0] or m[1], m[2] or m[3]))
    return found


def used_messages() -> dict[Key, str]:
    """Every literal message the code and the templates translate, with one place using it."""
    used: dict[Key, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts:
            for key in _from_python(path):
                used.setdefault(key, str(path.relative_to(ROOT.parent)))
    for path in sorted(TEMPLATES.rglob("*.html")):
        for key in _from_templates(path):
            used.setdefault(key, str(path.relative_to(ROOT.parent)))
    for name, words in labels.vocabularies().items():
        for key in words.messages():
            used.setdefault(key, f"labels of {name}")
    return used


def test_no_message_has_two_translations():
    seen: dict[Key, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, (text, file) in catalogue_entries("vi"):
        seen[key][text].append(file)
    twice = {key: dict(texts) for key, texts in seen.items() if len(texts) > 1}
    assert twice == {}, "one message id (and context) translated differently: " + repr(twice)


def test_every_message_used_has_a_vietnamese_translation():
    known = {key for key, _ in catalogue_entries("vi")}
    used = used_messages()
    assert len(used) > 500  # the extraction finds the app's messages
    missing = {key: where for key, where in used.items() if key not in known}
    assert missing == {}, "messages without a Vietnamese translation: " + repr(missing)


def test_a_context_picks_the_meaning():
    vi = translations("vi")
    assert vi.gettext("Created") == "Ngày tạo"  # a token's date
    assert vi.pgettext("import", "Created") == "Đã thêm mới"  # households an import added
    assert pgettext("programme", "Source") == "Căn cứ"  # a programme's legal basis
    assert vi.gettext("Source") == "Nguồn"  # where money comes from
    assert translations("en").pgettext("programme", "Source") == "Source"


def test_the_extraction_sees_both_kinds_of_call(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        """{{ _("Save") }} {{ _('Cancel', n=1) }} {{ pgettext("import", "Created") }}"""
    )
    assert _from_templates(page) == {(None, "Save"), (None, "Cancel"), ("import", "Created")}
    code = tmp_path / "code.py"
    code.write_text(
        'errors["x"] = "Too long."\nraise Invalid({"y": "Required."})\n'
        'gettext("One")\npgettext("fund", "Received on")\nraise NotFound("No such thing.")\n'
    )
    assert _from_python(code) == {
        (None, "Too long."),
        (None, "Required."),
        (None, "One"),
        ("fund", "Received on"),
        (None, "No such thing."),
    }
