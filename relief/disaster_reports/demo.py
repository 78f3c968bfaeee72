"""The demo's quick reports: a history of sending on the law's clock for the demo disaster, so
that the province's grid shows each state (docs/domain.md, "Sending the quick report").

Every moment is relative to the disaster's first day (00:00 local time, as `duty` takes it):
- Thần Sa sends its first report the first evening (within the 24 hours), the province
  receives it the next morning; it sends the second day's before 17:00 (left to answer);
- Võ Nhai misses the first day's deadline and sends that report late the next morning (left
  to answer); its second day's report is returned with a comment, corrected and sent again;
- the other communes send nothing: their days show as missing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from relief.core.actor import Actor
from relief.core.formatting import LOCAL_TZ
from relief.disaster_reports import service
from relief.disaster_reports.records import REPORT, RETURN, STEP
from relief.households.models import Disaster

THAN_SA, VO_NHAI = "05725", "05716"
RETURN_COMMENT = (
    "Thiếu số mét đường giao thông bị sạt lở và số người phải sơ tán; đề nghị bổ sung và gửi lại."
)
SITUATION = {
    "kind": "Bão số 11 (Matmo), mưa lớn gây lũ và sạt lở đất",
    "when": "Từ đêm 06/10/2025",
    "extent": "Các thôn ven sông và vùng núi của xã",
    "isolated": "Thôn Kim Sơn bị chia cắt khoảng 6 giờ",
    "flood_depth": "Sâu nhất 1,2 m",
    "response": "Sơ tán các hộ vùng trũng và vùng có nguy cơ sạt lở; huy động dân quân trực 24/24",
    "needs": "Lương thực, nước uống, bạt che tạm",
    "proposals": "Đề nghị tỉnh hỗ trợ kinh phí khắc phục đường giao thông",
}


def _at(disaster: Disaster, day: int, hour: int, minute: int = 0) -> datetime:
    """`hour`:`minute` local time on the disaster's day `day` (0: its first day)."""
    first = datetime.combine(disaster.starts_on, time(0), tzinfo=LOCAL_TZ)
    return first + timedelta(days=day, hours=hour, minutes=minute)


async def _save(
    actor: Actor, code: str, disaster: Disaster, as_of: datetime, figures: dict[str, Any]
) -> int:
    raw = {
        "commune_code": code,
        "disaster_id": disaster.id,
        "as_of_date": as_of.date().isoformat(),
        "as_of_hour": as_of.hour,
        **SITUATION,
        **figures,
    }
    return (await service.save_report(actor, REPORT.body(raw))).id


async def _send(actor: Actor, report_id: int, at: datetime) -> None:
    await service.send_report(actor, report_id, STEP.body_patch({"version": 1}), at=at)


async def load_reports(
    disaster: Disaster, codes: set[str], commune: Actor, other: Actor, province: Actor
) -> None:
    """The history above, for those of the two communes loaded (`codes`): `commune` acts for
    Thần Sa, `other` for Võ Nhai, `province` answers."""
    if THAN_SA in codes:
        first = await _save(commune, THAN_SA, disaster, _at(disaster, 0, 20), {"rice_ha": "8"})
        await _send(commune, first, _at(disaster, 0, 21, 10))
        await service.receive_report(
            province, first, STEP.body_patch({"version": 2}), at=_at(disaster, 1, 7, 30)
        )
        second = await _save(
            commune,
            THAN_SA,
            disaster,
            _at(disaster, 1, 17),
            {"rice_ha": "12.5", "cattle": "14", "schools": "1"},
        )
        await _send(commune, second, _at(disaster, 1, 16, 40))
    if VO_NHAI in codes:
        late = await _save(other, VO_NHAI, disaster, _at(disaster, 0, 21), {"rice_ha": "20"})
        await _send(other, late, _at(disaster, 1, 9, 15))
        returned = await _save(other, VO_NHAI, disaster, _at(disaster, 1, 17), {"rice_ha": "30"})
        await _send(other, returned, _at(disaster, 1, 16, 50))
        answer = RETURN.body_patch({"version": 2, "return_comment": RETURN_COMMENT})
        await service.return_report(province, returned, answer, at=_at(disaster, 1, 18, 20))
        again = await _save(
            other,
            VO_NHAI,
            disaster,
            _at(disaster, 1, 17),
            {"rice_ha": "32.5", "roads_m": "450"},
        )
        await _send(other, again, _at(disaster, 1, 19, 5))
