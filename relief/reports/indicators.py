"""The indicators of a commune, a hamlet or the province, and how they derive from counts.

Which of them are shown, in what words and format, in the API, the exports and the dashboard
is the catalogue's (relief.reports.figures.CATALOGUE): each of its figures names the property
here that it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relief.houses.models import Stage

UNDER_CONSTRUCTION = (Stage.STARTED, Stage.FOUNDATION_DONE, Stage.THIRTY_PERCENT_DONE, Stage.PAUSED)
NOT_STARTED = (Stage.PROPOSED, Stage.APPROVED)


@dataclass
class Indicators:
    """The figures of one place (named as in relief.reports.figures) and what derives from them.

    The figures come from the kept summary rows or from the live aggregations, never from
    counting in Python; `late` depends on today: summed from the houses under construction
    per day started (kept, or counted live) up to today's threshold (relief.reports.queries).
    """

    figures: dict[str, int] = field(default_factory=dict)
    late: int = 0
    # The sums by part of name, made once per place: a page reads each of them many times.
    _sums: dict[tuple[str, int], dict[str, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _stage_sums: dict[tuple[Stage, ...], int] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _named: dict[str, list[tuple[list[str], int]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def get(self, name: str) -> int:
        return self.figures.get(name, 0)

    def _by(self, prefix: str, position: int = 1) -> dict[str, int]:
        key = (prefix, position)
        out = self._sums.get(key)
        if out is None:
            if not self._named:  # every name split once, by its first part
                for name, value in self.figures.items():
                    parts = name.split(":")
                    self._named.setdefault(parts[0], []).append((parts, value))
            out = {}
            for parts, value in self._named.get(prefix, ()):
                out[parts[position]] = out.get(parts[position], 0) + value
            self._sums[key] = out
        return out

    @property
    def affected(self) -> int:
        """Distinct live households with at least one damage record."""
        return self.get("affected")

    @property
    def damage(self) -> dict[str, int]:
        """Distinct live households with a record at each damage level."""
        return self._by("damage")

    @property
    def relocated(self) -> int:
        return self.get("relocated")

    @property
    def visits(self) -> int:
        return self.get("visits")

    @property
    def households_reached(self) -> int:
        return self.get("reached")

    @property
    def cash(self) -> int:
        return self.get("cash")

    @property
    def goods_value(self) -> int:
        return self.get("goods_value")

    @property
    def stages(self) -> dict[str, int]:
        """House cases by stage, every programme and kind."""
        return self._by("house", 3)

    @property
    def pledged(self) -> dict[str, int]:
        return self._by("pledged")

    @property
    def disbursed(self) -> dict[str, int]:
        return self._by("disbursed")

    def by_programme(self) -> dict[tuple[str, str], Indicators]:
        """House cases by stage for each programme and kind (new build / repair)."""
        named: dict[tuple[str, str], dict[str, int]] = {}
        for name, value in self.figures.items():
            parts = name.split(":")
            if parts[0] == "house":
                named.setdefault((parts[1], parts[2]), {})[name] = value
        return {key: Indicators(figures) for key, figures in named.items()}

    def by_group(self, groups: dict[tuple[str, str], str]) -> dict[tuple[str, str], Indicators]:
        """House cases by stage for each campaign group and kind: the programme and kind
        figures added up by the group the programme rules give them (programme, kind -> group;
        a programme missing from the rules is its own group)."""
        named: dict[tuple[str, str], dict[str, int]] = {}
        for (programme, kind), ind in self.by_programme().items():
            group = groups.get((programme, kind), programme)
            figures = named.setdefault((group, kind), {})
            for name, value in ind.figures.items():
                figures[name] = figures.get(name, 0) + value
        return {key: Indicators(figures) for key, figures in named.items()}

    def stage(self, *stages: Stage) -> int:
        """The cases at any of these stages (a stage is its own code: a StrEnum), summed once
        per place: a page asks for each of these sums in several cells."""
        found = self._stage_sums.get(stages)
        if found is None:
            by = self.stages
            found = self._stage_sums[stages] = sum(by.get(s, 0) for s in stages)
        return found

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
        for name, value in other.figures.items():
            self.figures[name] = self.figures.get(name, 0) + value
        self.late += other.late
        self._sums.clear()
        self._stage_sums.clear()
        self._named.clear()


@dataclass(frozen=True)
class Filters:
    """The filters of a summary; none set is the default view, read from the kept figures."""

    disaster_id: int | None = None
    programme: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def is_default(self) -> bool:
        return self == Filters()

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
