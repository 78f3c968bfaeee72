"""Relief: disaster relief and housing support for the communes of a Vietnamese province."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
