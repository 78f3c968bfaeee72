"""Interface labels of the houses' programmes, campaign groups and kinds (message ids)."""

from __future__ import annotations

from relief.houses.models import CampaignGroup, NormKind, Programme

PROGRAMMES = {
    Programme.REVOLUTIONARY_SERVICE: "Revolutionary service",
    Programme.NTP_POVERTY: "National target programme: sustainable poverty reduction",
    Programme.NTP_ETHNIC: "National target programme: ethnic-minority and mountainous areas",
    Programme.TEMPORARY_HOUSE: "Temporary-house elimination",
    Programme.GREAT_SOLIDARITY: "Great Solidarity House",
    Programme.DISASTER_RECOVERY: "Disaster recovery",
}
CAMPAIGN_GROUPS = {
    CampaignGroup.REVOLUTIONARY_SERVICE: "People with revolutionary service",
    CampaignGroup.NATIONAL_TARGET: "The two national target programmes",
    CampaignGroup.EMULATION: "Emulation movement",
    CampaignGroup.GREAT_SOLIDARITY: "Great Solidarity Houses",
    CampaignGroup.DISASTER_RECOVERY: "Disaster recovery",
}
NORM_KINDS = {
    NormKind.NEW_BUILD: "New build",
    NormKind.REPAIR: "Repair",
    NormKind.RELOCATION: "Emergency relocation",
}
