"""Interface labels of the households area's codes (English ids, translated when shown)."""

from __future__ import annotations

from relief.core.labels import ACTIONS, register, register_record
from relief.households.models import DamageBand, DisasterKind, Gender, HouseClass, PovertyStatus
from relief.households.records import DAMAGE, HOUSEHOLD

GENDERS = register(Gender, {Gender.MALE: "Male", Gender.FEMALE: "Female"})
POVERTY = register(
    PovertyStatus,
    {
        PovertyStatus.POOR: "Poor household",
        PovertyStatus.NEAR_POOR: "Near-poor household",
        PovertyStatus.NONE: "Not poor",
    },
)
DISASTER_KINDS = register(
    DisasterKind,
    {
        DisasterKind.TYPHOON: "Typhoon",
        DisasterKind.FLOOD: "Flood",
        DisasterKind.FLASH_FLOOD: "Flash flood",
        DisasterKind.LANDSLIDE: "Landslide",
        DisasterKind.DROUGHT: "Drought",
        DisasterKind.OTHER: "Other",
    },
)
# In the words of Joint Circular 43/2015/TTLT-BNNPTNT-BKHĐT (see docs/domain.md).
DAMAGE_BANDS = register(
    DamageBand,
    {
        DamageBand.TOTAL: "Totally damaged (over 70%)",
        DamageBand.VERY_HEAVY: "Very heavily damaged (50–70%)",
        DamageBand.HEAVY: "Heavily damaged (30–50%)",
        DamageBand.PARTIAL: "Partly damaged (under 30%)",
        DamageBand.NONE: "House not damaged",
        DamageBand.TO_CONFIRM: "Damage band to confirm",
    },
)
HOUSE_CLASSES = register(
    HouseClass,
    {
        HouseClass.SOLID: "Solid house",
        HouseClass.SEMI_SOLID: "Semi-solid house",
        HouseClass.LESS_SOLID: "Less-solid house",
        HouseClass.SIMPLE: "Makeshift house",
    },
)
# The yes/no facts the circular counts apart from the band.
DAMAGE_FACTS = register(
    "damage_fact",
    {
        "collapsed": "Collapsed or swept away",
        "flooded": "Flooded",
        "roof_blown_off": "Roof blown off",
        "landslide_relocation": "Landslide, must be relocated",
        "relocated": "Emergency relocation",
    },
)
CASUALTIES = register("casualty", {"dead": "Dead", "missing": "Missing", "injured": "Injured"})
# What a household needs after a disaster: stored as these codes in DamageAssessment.needs.
NEEDS = register(
    "need",
    {
        "rebuild": "Rebuild the house",
        "repair": "Repair the house",
        "relocation": "Relocation",
        "cash": "Cash",
        "food": "Food",
        "materials": "Building materials",
        "water": "Clean water",
        "medicine": "Medicine",
        "other": "Other needs",
    },
)
# A household's yes/no fields (its catalogue's): the list's filters and the form's boxes.
FLAGS = register("flag", {e.name: e.label for e in HOUSEHOLD.stored if e.type is bool})
# Field names as shown in messages (e.g. what someone else changed meanwhile).
FIELDS = {
    **HOUSEHOLD.labels(),
    "archived_at": "Archived",
    "name": "Name",
    "kind": "Kind",
    "starts_on": "Starts on",
    "ends_on": "Ends on",
    "description": "Description",
    **DAMAGE.labels(),
}


register_record(
    "household",
    "Household",
    FIELDS,
    {"gender": GENDERS, "poverty_status": POVERTY},
)
register_record("disaster", "Disaster", FIELDS, {"kind": DISASTER_KINDS})
register_record(
    "damage_assessment",
    "Damage assessment",
    FIELDS,
    {"band": DAMAGE_BANDS, "house_class": HOUSE_CLASSES, "needs": NEEDS},
)
# Someone looked for an ID number that another commune has recorded.
ACTIONS.add({"id_number_taken": "ID number found elsewhere"})
