"""The package's source files as syntax trees, parsed once per test process.

Three test modules read the code of relief/ (the import graph, the audited actions, the
messages to translate); parsing it costs half a second of CPU each time. The tests only walk
the trees, never change them.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path


@functools.cache
def syntax_tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))
