"""The indicators of a commune, a hamlet or the province, and how they derive from counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relief.households.models import DamageBand
from relief.houses.models import FundingSource, Stage

UNDER_CONSTRUCTION = (Stage.STARTED, Stage.FOUNDATION_DONE, Stage.THIRTY_PERCENT_DONE, Stage.PAUSED)
NOT_STARTED = (Stage.PROPOSED, Stage.APPROVED)


@dataclass
class Indicators:
    """Everything the province asks of one place; all counts come from SQL aggregates."""

    damage: dict[str, int] = field(default_factory=dict)  # households by damage band
    relocated: int = 0
    visits: int = 0
    households_reached: int = 0
    cash: int = 0
    goods_value: int = 0
    stages: dict[str, int] = field(default_factory=dict)  # house cases by stage
    pledged: dict[str, int] = field(default_factory=dict)  # by funding source
    disbursed: dict[str, int] = field(default_factory=dict)
    late: int = 0

    @property
    def affected(self) -> int:
        return sum(self.damage.values())

    def stage(self, *stages: Stage) -> int:
        return sum(self.stages.get(s.value, 0) for s in stages)

    @property
    def need(self) -> int:
        """Houses needed: every case not cancelled."""
        return sum(self.stages.values()) - self.stage(Stage.CANCELLED)

    @property
    def approved(self) -> int:
        return self.need - self.stage(Stage.PROPOSED)

    @property
    def not_started(self) -> int:
        return self.stage(*NOT_STARTED)

    @property
    def under_construction(self) -> int:
        return self.stage(*UNDER_CONSTRUCTION)

    @property
    def started(self) -> int:
        """Started at some point: under construction, completed or handed over."""
        return self.under_construction + self.completed

    @property
    def completed(self) -> int:
        """Completed, whether or not handed over yet."""
        return self.stage(Stage.COMPLETED, Stage.HANDED_OVER)

    @property
    def handed_over(self) -> int:
        return self.stage(Stage.HANDED_OVER)

    @property
    def cancelled(self) -> int:
        return self.stage(Stage.CANCELLED)

    @property
    def pledged_total(self) -> int:
        return sum(self.pledged.values())

    @property
    def disbursed_total(self) -> int:
        return sum(self.disbursed.values())

    def add(self, other: Indicators) -> None:
        for name in ("damage", "stages", "pledged", "disbursed"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        for name in ("relocated", "visits", "households_reached", "cash", "goods_value", "late"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        """The same figures the pages show, for the API and the exports."""
        return {
            "affected_households": self.affected,
            "damage_by_band": {b.value: self.damage.get(b.value, 0) for b in DamageBand},
            "relocated_households": self.relocated,
            "aid_visits": self.visits,
            "households_reached": self.households_reached,
            "cash": self.cash,
            "goods_value": self.goods_value,
            "houses": {
                "need": self.need,
                "approved": self.approved,
                "not_started": self.not_started,
                "under_construction": self.under_construction,
                "started": self.started,
                "completed": self.completed,
                "handed_over": self.handed_over,
                "cancelled": self.cancelled,
                "late": self.late,
                "by_stage": {s.value: self.stages.get(s.value, 0) for s in Stage},
            },
            "money": {
                "pledged": self.pledged_total,
                "disbursed": self.disbursed_total,
                "pledged_by_source": {s.value: self.pledged.get(s.value, 0) for s in FundingSource},
                "disbursed_by_source": {
                    s.value: self.disbursed.get(s.value, 0) for s in FundingSource
                },
            },
        }


@dataclass(frozen=True)
class Filters:
    disaster_id: int | None = None
    programme: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def query(self) -> str:
        parts = []
        if self.disaster_id:
            parts.append(f"disaster={self.disaster_id}")
        if self.programme:
            parts.append(f"programme={self.programme}")
        if self.date_from:
            parts.append(f"date_from={self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"date_to={self.date_to.isoformat()}")
        return "&".join(parts)
