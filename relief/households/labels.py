"""Interface labels of the households area's codes (English ids, translated when shown)."""

from __future__ import annotations

from relief.core.labels import ACTIONS, register, register_record
from relief.households.models import (
    DamageBand,
    DisasterKind,
    Gender,
    HouseClass,
    MatchKind,
    MeritKind,
    PovertyStatus,
    RegisterKind,
    RegisterStatus,
)
from relief.households.records import DAMAGE, HOUSEHOLD
from relief.households.register_records import REGISTER_ROW

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

# The commune's year lists (docs/domain.md, "The year's lists").
REGISTER_KINDS = register(
    RegisterKind,
    {
        RegisterKind.POVERTY: "Poor and near-poor list",
        RegisterKind.MERIT: "Register of people with revolutionary service",
    },
)
# In the words of Ordinance 02/2020/UBTVQH14, Art. 3 (and its relatives, Art. 2).
MERIT_KINDS = register(
    MeritKind,
    {
        MeritKind.PRE_1945: "Revolutionary activist before 1 January 1945",
        MeritKind.PRE_UPRISING: "Revolutionary activist from 1 January 1945 to the August uprising",
        MeritKind.MARTYR: "Martyr",
        MeritKind.HEROIC_MOTHER: "Vietnamese Heroic Mother",
        MeritKind.ARMED_FORCES_HERO: "Hero of the People's Armed Forces",
        MeritKind.LABOUR_HERO: "Labour Hero of the resistance years",
        MeritKind.WAR_INVALID: "War invalid, or treated as one",
        MeritKind.SICK_SOLDIER: "Sick soldier",
        MeritKind.TOXIC_CHEMICALS: "Resistance activist exposed to toxic chemicals",
        MeritKind.PRISONER: "Activist imprisoned or deported by the enemy",
        MeritKind.RESISTANCE: "Activist of the resistance, national defence or international duty",
        MeritKind.HELPED_REVOLUTION: "Person who helped the revolution",
        MeritKind.MARTYR_RELATIVE: "Martyr's relative",
        MeritKind.RELATIVE: "Relative of a person with revolutionary service",
    },
)
REGISTER_STATUSES = register(
    RegisterStatus,
    {
        RegisterStatus.PREVIEWED: "Waiting for confirmation",
        RegisterStatus.CURRENT: "In force",
        RegisterStatus.SUPERSEDED: "Replaced by a later import",
        RegisterStatus.CANCELLED: "Cancelled",
    },
    context="import",
)
MATCHES = register(
    MatchKind,
    {
        MatchKind.ID_NUMBER: "By ID number",
        MatchKind.NAME_HAMLET: "By name and hamlet",
        MatchKind.CHOSEN: "Chosen by the officer",
        MatchKind.LINKED: "Linked after the import",
        MatchKind.SEVERAL: "Several households: to choose",
        MatchKind.NONE: "No household",
    },
)
register_record(
    "register_list",
    "Poor and near-poor list or register",
    {"kind": "List", "year": "Year", "status": "Status"},
    {"kind": REGISTER_KINDS, "status": REGISTER_STATUSES},
)
register_record(
    "register_entry",
    "Row of a list or register",
    {
        **REGISTER_ROW.labels(),
        "household_id": "Household",
        "match": "Matched",
        "note": "Reason",
    },
    {"poverty_status": POVERTY, "merit_kind": MERIT_KINDS, "match": MATCHES},
)
