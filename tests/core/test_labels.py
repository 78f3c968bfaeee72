"""The label registry: every enumeration's words registered once, translated when shown."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

import pytest

import relief
import relief.app  # every area registers its labels
from relief.core import labels
from relief.core.i18n import current_language
from relief.households.models import DamageBand, DamageLevel
from relief.houses.models import FundingSource, Stage
from relief.reports.exports import indicator_columns
from tests.core.sources import syntax_tree

# Kept only because old migrations name it (see its docstring): nothing shows it.
NOT_SHOWN = {DamageLevel}


def _enums() -> set[type[StrEnum]]:
    found, todo = set(), list(StrEnum.__subclasses__())
    while todo:
        enum = todo.pop()
        todo += enum.__subclasses__()
        if enum.__module__.startswith("relief."):
            found.add(enum)
    return found


def test_every_enumeration_has_its_labels():
    enums = _enums() - NOT_SHOWN
    assert len(enums) >= 20
    unregistered = sorted(e.__name__ for e in enums if e not in labels._BY_ENUM)
    assert unregistered == []
    for enum in enums:
        words = labels.vocabulary(enum)
        assert {str(k) for k in words} == {m.value for m in enum}


def test_one_word_for_a_stage_everywhere():
    assert labels.label(Stage.HANDED_OVER) == "Đã bàn giao"
    assert labels.label("handed_over", "stage") == labels.label(Stage.HANDED_OVER)
    assert labels.label(Stage.CANCELLED) == "Đã hủy"
    assert labels.value_label("house_case", "stage", "cancelled") == "Đã hủy"
    token = current_language.set("en")
    try:
        assert labels.label(Stage.HANDED_OVER) == "Handed over"
        assert labels.options(Stage)[0] == ("proposed", "Proposed")
    finally:
        current_language.reset(token)


def test_a_set_of_words_is_registered_once():
    with pytest.raises(ValueError, match="already registered"):
        labels.register(Stage, {s: s.value for s in Stage})
    with pytest.raises(ValueError, match="already has a label"):
        labels.ACTIONS.add({"create": "Made"})
    with pytest.raises(ValueError, match="no label"):
        labels.register(StrEnum("Colour", {"RED": "red", "BLUE": "blue"}), {"red": "Red"})


def test_unknown_codes_are_shown_as_they_are():
    assert labels.label(None) == "" and labels.label("") == ""
    assert labels.label("someday", "stage") == "someday"
    assert labels.label("plain text") == "plain text"
    assert labels.field_label("household", "no_such_field") == "no_such_field"
    assert labels.field_label("household", "version") == "Phiên bản"  # the shared names
    assert labels.value_label("household", "members", 4) == "4"
    assert labels.value_label("household", "archived_at", None) == "–"
    assert labels.value_label("household", "revolutionary_service", True) == "Có"


def test_export_headings_use_the_same_words_as_the_pages():
    titles = [c.title() for c in indicator_columns()]
    assert labels.label(DamageBand.TOTAL) in titles  # "Thiệt hại hoàn toàn (trên 70%)"
    assert "Cam kết: " + labels.label(FundingSource.STATE_BUDGET) in titles
    assert "Giải ngân: " + labels.label(FundingSource.LABOUR_DAYS) in titles
    assert "Đã bàn giao" in titles


def _strings(node: ast.expr, constants: dict[str, str]) -> list[str]:
    """The text values an argument can take: a literal, a module constant, either of an if."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in constants:
        return [constants[node.id]]
    if isinstance(node, ast.IfExp):
        return _strings(node.body, constants) + _strings(node.orelse, constants)
    return []  # a variable: its values are checked where they are named


def _audited() -> set[tuple[str, str]]:
    """(kind, code) of every action and kind of record written to the audit trail in the code."""
    found: set[tuple[str, str]] = set()
    root = Path(relief.__file__).parent
    for path in root.rglob("*.py"):
        tree = syntax_tree(path)
        constants = {
            t.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for t in node.targets
            if isinstance(t, ast.Name) and isinstance(node.value.value, str)
        }

        for node in ast.walk(tree):
            func = getattr(node, "func", None)
            if (
                isinstance(node, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr == "record"
                and isinstance(func.value, ast.Name)
                and func.value.id == "audit"
                and len(node.args) >= 3
            ):
                found |= {("action", v) for v in _strings(node.args[1], constants)}
                found |= {("record", v) for v in _strings(node.args[2], constants)}
            if (  # versions.save(..., entity="user", action="disable"): its audit entry
                isinstance(node, ast.Call)
                and isinstance(func, ast.Attribute)
                and func.attr in ("save", "delete")
                and isinstance(func.value, ast.Name)
                and func.value.id == "versions"
            ):
                for keyword in node.keywords:
                    kind = {"action": "action", "entity": "record"}.get(keyword.arg or "")
                    if kind:
                        found |= {(kind, v) for v in _strings(keyword.value, constants)}
    return found


def test_every_audited_action_and_kind_of_record_has_its_words():
    audited = _audited()
    assert ("action", "create") in audited and ("record", "household") in audited
    assert len(audited) > 40
    missing = sorted((kind, code) for kind, code in audited if code not in labels.vocabulary(kind))
    assert missing == []
