"""One write path for versioned records: relief.core.versions.

A record with a `version` is edited only through `versions.save`, `versions.save_many` or
`versions.delete`, which write `UPDATE ... WHERE id = ? AND version = ?`, bump the version
and record the audit entry in the same transaction. Any other write would overwrite a save
made since the writer read the record, and leave two contents under one version number.

Every module of relief/ is parsed; a call is a write of a versioned model when it is
- `.update(...)`, `.bulk_update(...)` or `.update_or_create(...)` on a model class or on a
  query built from one (`Household.filter(...).using_db(conn).update(...)`), or on a query
  whose model this scan cannot tell (`model.filter(...).update(...)`): those must be listed;
- `.save(...)` on a record read from a versioned model (a parameter or variable annotated
  with it, `await Model.get(...)`, `await Model.filter(...).first()`, a loop over a query of
  it, or a call of a function annotated to return it), or on `self` inside such a model;
  a record made here with `Model(...)` is new, and its `.save()` an insert;
- SQL text that says `UPDATE <the model's table>`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tortoise.models import Model

from relief.db import MODEL_MODULES
from tests.core.sources import syntax_tree

PACKAGE = Path(__file__).resolve().parents[2] / "relief"
WRITE_PATH = "core/versions.py"
# Schema and data migrations run before anyone can edit a record.
NOT_SCANNED = ("migrations/",)

# (module path under relief/, function) -> why a write there is not an edit of a record's
# content. Keep it short: every entry must still match a write (the last test checks).
ALLOWED: dict[tuple[str, str], str] = {
    ("households/follow.py", "move_records"): (
        "A household's move gives its records (damage, aid, house cases) its new commune and "
        "hamlet, stored on them for scope and summaries: the place follows the household, "
        "nothing the user edited changes, so no version is bumped (the household's own save "
        "is versioned)."
    ),
    ("houses/models.py", "HouseCase.follow_household"): (
        "The same move for house cases: commune, hamlet and the number within the new "
        "commune, which follow the household."
    ),
    ("households/duplicates.py", "serialise"): (
        "`UPDATE household ... WHERE 0` changes no row: it takes SQLite's write lock so that "
        "two saves of one person run one after the other."
    ),
    ("accounts/login.py", "log_in"): (
        "A login writes only its own columns: the time of the last login (while the account is "
        "still active) and a password rehashed to the current parameters (only if the hash is "
        "still the one just checked, so an administrator's reset made meanwhile wins). Neither "
        "is an edit of the user, so neither bumps the version an administrator's form read."
    ),
}

UPDATES = {"update", "bulk_update", "update_or_create"}
QUERY_METHODS = {
    "filter",
    "exclude",
    "all",
    "using_db",
    "select_for_update",
    "only",
    "order_by",
    "limit",
    "offset",
}
READS = {"get", "get_or_none", "first", "last", "create", "get_or_create"}


def _models() -> tuple[dict[str, str], set[str]]:
    """Versioned models (class name -> table) and the other models, by class name."""
    versioned: dict[str, str] = {}
    others: set[str] = set()
    for module_name in MODEL_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in vars(module).items():
            if inspect.isclass(cls) and issubclass(cls, Model) and cls.__module__ == module_name:
                if "version" in cls._meta.fields_map:
                    versioned[name] = cls._meta.db_table
                else:
                    others.add(name)
    return versioned, others


VERSIONED, OTHERS = _models()


def _model_named(annotation: ast.expr | None) -> str | None:
    """The versioned model an annotation names (`Household`, `Household | None`, "...")."""
    if annotation is None:
        return None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return None
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name) and node.id in VERSIONED:
            return node.id
    return None


def _returns(tree: ast.Module) -> dict[str, str | None]:
    """A module's functions by name: the versioned record each is annotated to return."""
    found: dict[str, str | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            model = _model_named(node.returns)
            if isinstance(node.returns, ast.Subscript):
                model = None  # a list of them, not one
            found[node.name] = found.get(node.name) or model
    return found


def _returning() -> dict[str, str]:
    """Functions of relief/ annotated to return a versioned record, by name (a module's own
    functions are looked up first: see Scan)."""
    found: dict[str, str] = {}
    for path in _sources():
        for name, model in _returns(syntax_tree(path)).items():
            if model is not None:
                found[name] = model
    return found


def _sources() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel != WRITE_PATH and not rel.startswith(NOT_SCANNED):
            yield path


def _root(node: ast.expr) -> tuple[ast.expr, bool]:
    """The start of a chain of calls and attributes, and whether a query method is in it."""
    query = False
    while True:
        if isinstance(node, ast.Await):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            query = query or node.attr in QUERY_METHODS
            node = node.value
        else:
            return node, query


@dataclass
class Write:
    path: str
    function: str
    line: int
    text: str


class Scan(ast.NodeVisitor):
    """The writes of versioned models in one module."""

    def __init__(self, path: str, tree: ast.Module, returning: dict[str, str]) -> None:
        self.path = path
        self.returning: dict[str, str | None] = {**returning, **_returns(tree)}
        self.writes: list[Write] = []
        self.classes: list[str] = []
        self.functions: list[str] = []
        self.records: list[dict[str, str]] = [{}]  # per function: variable -> model

    # Where we are.
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(".".join([*self.classes[-1:], node.name]))
        known = dict(self.records[-1])
        for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
            model = _model_named(arg.annotation)
            if model is not None:
                known[arg.arg] = model
        if self.classes and self.classes[-1] in VERSIONED:
            known["self"] = known["cls"] = self.classes[-1]
        self.records.append(known)
        self.generic_visit(node)
        self.records.pop()
        self.functions.pop()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    # What variables hold.
    def _model_of(self, value: ast.expr) -> str | None:
        """The versioned model whose record (or query) `value` gives, as far as seen here."""
        if isinstance(value, ast.Await):
            value = value.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            if value.func.id in VERSIONED:
                return None  # Model(...): a new record, its first save an insert
            return self.returning.get(value.func.id)
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and not isinstance(value.func.value, ast.Call)  # service.get_household(...)
            and value.func.attr in self.returning
        ):
            return self.returning[value.func.attr]
        root, _ = _root(value)
        if isinstance(root, ast.Name):
            if root.id in VERSIONED:
                return root.id
            return self.records[-1].get(root.id)
        return None

    def _bind(self, target: ast.expr, model: str | None) -> None:
        if isinstance(target, ast.Name):
            if model is None:
                self.records[-1].pop(target.id, None)
            else:
                self.records[-1][target.id] = model

    def visit_Assign(self, node: ast.Assign) -> None:
        model = self._model_of(node.value)
        for target in node.targets:
            self._bind(target, model)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        model = _model_named(node.annotation)
        if model is None and node.value is not None:
            model = self._model_of(node.value)
        self._bind(node.target, model)
        self.generic_visit(node)

    def _loop(self, node: ast.For | ast.AsyncFor) -> None:
        self._bind(node.target, self._model_of(node.iter))
        self.generic_visit(node)

    visit_For = _loop
    visit_AsyncFor = _loop

    # The writes.
    def _found(self, node: ast.AST) -> None:
        function = self.functions[-1] if self.functions else "<module>"
        text = ast.unparse(node)
        self.writes.append(Write(self.path, function, node.lineno, text[:120]))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in UPDATES:
            root, query = _root(func.value)
            name = root.id if isinstance(root, ast.Name) else None
            model = self.records[-1].get(name or "") or (name if name in VERSIONED else None)
            unknown_query = query and name not in OTHERS and model is None
            if model is not None or unknown_query:
                self._found(node)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "save"
            and isinstance(func.value, ast.Name)
            and func.value.id in self.records[-1]
        ):
            self._found(node)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            for table in VERSIONED.values():
                if re.search(rf'\bUPDATE\s+"?{table}"?\s', node.value, re.IGNORECASE):
                    self._found(node)


def versioned_writes(source: str, path: str = "<test>") -> list[Write]:
    tree = ast.parse(source)
    scan = Scan(path, tree, _returning())
    scan.visit(tree)
    return scan.writes


def _all_writes() -> list[Write]:
    returning = _returning()
    writes = []
    for path in _sources():
        tree = syntax_tree(path)
        scan = Scan(path.relative_to(PACKAGE).as_posix(), tree, returning)
        scan.visit(tree)
        writes += scan.writes
    return writes


def test_the_scan_knows_the_versioned_models():
    assert {"Household", "DamageAssessment", "HouseCase", "Sponsor"} <= set(VERSIONED)
    assert "ImportBatch" in OTHERS and "AuditEntry" in OTHERS


def test_the_scan_sees_each_way_of_writing_a_versioned_record():
    source = """
async def one(conn, household: Household, h2: "Household | None", batch: ImportBatch):
    await Household.filter(id=1).using_db(conn).update(members=2, version=3)
    await DamageAssessment.bulk_update([a], fields=["band"])
    found = await Household.get(id=2)
    found.members = 3
    await found.save()
    await household.save(update_fields=["members"])
    for case in await HouseCase.filter(commune_id=1):
        await case.save()
    await model.filter(id__in=ids).update(commune_id=2)
    await conn.execute_query('UPDATE "household" SET members = 2 WHERE id = 1')
    fresh = HouseCase(commune_id=1)
    await fresh.save()
    await batch.save()
    await ImportBatch.filter(id=1).update(status="done")
    values.update(members=2)
    context.update(extra)
"""
    writes = versioned_writes(source)
    assert [w.line for w in writes] == [3, 4, 7, 8, 10, 11, 12]


def test_versioned_records_are_written_only_through_core_versions():
    writes = _all_writes()
    outside = [w for w in writes if (w.path, w.function) not in ALLOWED]
    assert outside == [], "\n".join(
        f"relief/{w.path}:{w.line} in {w.function}: {w.text}" for w in outside
    )


def test_every_allowed_write_is_still_there():
    used = {(w.path, w.function) for w in _all_writes()}
    assert sorted(set(ALLOWED) - used) == []
