"""Access rules of offline work: the app's files are public, the officer's list is the officer's."""

from tests.access import EVERYONE, Rule

COMMUNE = frozenset({"commune"})

RULES = {
    ("GET", "/sw.js"): Rule(EVERYONE, public=True),
    ("GET", "/manifest.webmanifest"): Rule(EVERYONE, public=True),
    ("GET", "/offline"): Rule(COMMUNE),
    ("GET", "/offline/households.json"): Rule(COMMUNE),
}
