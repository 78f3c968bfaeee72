"""Interface labels of the households area's codes (English ids, translated when shown)."""

from __future__ import annotations

from relief.households.models import DamageLevel, DisasterKind, Gender, PovertyStatus

GENDERS = {Gender.MALE: "Male", Gender.FEMALE: "Female"}
POVERTY = {
    PovertyStatus.POOR: "Poor household",
    PovertyStatus.NEAR_POOR: "Near-poor household",
    PovertyStatus.NONE: "Not poor",
}
DISASTER_KINDS = {
    DisasterKind.TYPHOON: "Typhoon",
    DisasterKind.FLOOD: "Flood",
    DisasterKind.FLASH_FLOOD: "Flash flood",
    DisasterKind.LANDSLIDE: "Landslide",
    DisasterKind.DROUGHT: "Drought",
    DisasterKind.OTHER: "Other",
}
DAMAGE_LEVELS = {
    DamageLevel.COLLAPSED: "Collapsed or swept away",
    DamageLevel.OVER_70: "Damaged over 70%",
    DamageLevel.FROM_50_TO_70: "Damaged 50–70%",
    DamageLevel.FROM_30_TO_50: "Damaged 30–50%",
    DamageLevel.UNDER_30: "Damaged under 30%",
    DamageLevel.ROOF_LOST: "Roof lost",
    DamageLevel.FLOODED: "Flooded",
    DamageLevel.LANDSLIDE_RISK: "Landslide risk",
}
# What a household needs after a disaster: stored as these codes in DamageAssessment.needs.
NEEDS = {
    "rebuild": "Rebuild the house",
    "repair": "Repair the house",
    "relocation": "Relocation",
    "cash": "Cash",
    "food": "Food",
    "materials": "Building materials",
    "water": "Clean water",
    "medicine": "Medicine",
    "other": "Other needs",
}
FLAGS = {
    "revolutionary_service": "Revolutionary service",
    "martyr_family": "Martyr's family",
    "social_protection": "Social protection",
    "especially_hard": "Especially hard case",
}
# Field names as shown in messages (e.g. what someone else changed meanwhile).
FIELDS = {
    "hamlet_id": "Hamlet",
    "head_name": "Head of household",
    "gender": "Gender",
    "birth_year": "Birth year",
    "id_number": "ID number",
    "phone": "Phone",
    "members": "Members",
    "ethnicity": "Ethnicity",
    "poverty_status": "Poverty status",
    "poverty_year": "Poverty year",
    "address_detail": "Address",
    "archived_at": "Archived",
    "name": "Name",
    "kind": "Kind",
    "starts_on": "Starts on",
    "ends_on": "Ends on",
    "description": "Description",
    "disaster_id": "Disaster",
    "level": "Damage level",
    "relocated": "Emergency relocation",
    "relocated_on": "Relocated on",
    "estimated_loss": "Estimated loss",
    "needs": "Needs",
    "assessed_on": "Assessed on",
    "assessed_by": "Assessed by",
    **FLAGS,
}


def options(labels: dict) -> list[tuple[str, str]]:
    """(value, label) pairs for a select, labels still to be translated by the template."""
    return [(getattr(k, "value", k), v) for k, v in labels.items()]
