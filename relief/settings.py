"""Settings, read once from RELIEF_* environment variables into one frozen dataclass."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("vi", "en")
# argon2-cffi's parameter profiles (argon2.profiles) for hashing passwords. The default costs a
# fifth of a second of CPU per hash or check on a small server; HIGH_MEMORY takes 2 GiB per
# hash; CHEAPEST is for tests only.
PASSWORD_PROFILES = ("RFC_9106_LOW_MEMORY", "RFC_9106_HIGH_MEMORY", "CHEAPEST")
MB = 1024 * 1024
# The largest scan of a signed decision `RELIEF_SCAN_MAX_MB` may allow: the upload routes read
# at most this (and the form around it) before the limit set is checked.
SCAN_MAX_MB_CAP = 30
SQLITE_PARAMS = "busy_timeout=5000&synchronous=NORMAL"


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def default_database_url(var_dir: Path) -> str:
    """An SQLite file under var/; tortoise turns URL parameters into PRAGMAs (WAL, FKs are on)."""
    return f"sqlite://{(var_dir / 'relief.sqlite3').resolve()}?{SQLITE_PARAMS}"


def _secret_key(var_dir: Path) -> str:
    """The secret from the environment, or one generated on first run and kept in var/."""
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # Written with owner-only permissions: the key signs sessions and CSRF tokens.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str = field(repr=False)
    var_dir: Path
    media_dir: Path
    default_language: str = "vi"
    https: bool = False
    session_idle_minutes: int = 120
    late_after_days: int = 120
    # The first (70 %) tranche of a house is paid only on its signed stage-completion minutes.
    tranche_needs_minutes: bool = True
    # The days a beneficiary list stays posted publicly at least (docs/domain.md: unconfirmed).
    posting_days: int = 7
    # Eligibility (docs/domain.md, "Eligibility"): a poor or near-poor status counts when its
    # list's year is the programme year or one of the years before it, this many in all; and
    # the damage bands that make a house "no longer habitable" (Decree 20/2021 Art. 15).
    poverty_list_years: int = 2
    uninhabitable_bands: tuple[str, ...] = ("very_heavy",)
    # The quick report's deadlines (Joint Circular 43/2015, docs/domain.md "Sending the quick
    # report"): the first report within this many hours of the disaster's start (Art. 7.1),
    # then the commune's daily report sent before this hour, local time (Art. 9.1a: 17:00).
    first_report_hours: int = 24
    commune_report_hour: int = 17
    # The event summary and periodic reports (Joint Circular 43/2015 Art. 7.2-7.3, docs/domain.md
    # "The event summary and periodic reports"): the summary due this many days after the
    # disaster's last day, the six-monthly report by this day of June, the yearly one by this
    # day of December (unconfirmed: the circular's Art. 9 deadlines as recalled, not quoted).
    event_report_days: int = 5
    half_year_report_day: int = 15
    year_report_day: int = 15
    # The housing campaign's weekly report (docs/domain.md "The campaign's weekly report"): the
    # weekday its week starts on, 0 Monday to 6 Sunday (unconfirmed: the week is the
    # province's choice).
    campaign_week_day: int = 0
    # The quick report's paper (docs/domain.md "The quick report's paper"): the commune body
    # that issues it and the recipients it lists ("Nơi nhận"), one per ";" (unconfirmed: the
    # circular names the commune's steering committee; the 2025 reform may rename it).
    report_issuer: str = "Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn"
    report_recipients: tuple[str, ...] = (
        "Ban Chỉ huy PCTT và TKCN tỉnh (để báo cáo);",
        "Đảng ủy, HĐND, UBND xã (để báo cáo);",
        "Lưu: VT.",
    )
    # The recipients of the province's sum of the quick reports (unconfirmed: the province
    # names its own), one per "|" in RELIEF_PROVINCE_REPORT_RECIPIENTS.
    province_report_recipients: tuple[str, ...] = (
        "Ban Chỉ đạo quốc gia về Phòng, chống thiên tai (để báo cáo);",
        "Tỉnh ủy, HĐND, UBND tỉnh (để báo cáo);",
        "Lưu: VT.",
    )
    # The largest scan of a People's Committee's signed decision (PDF, JPEG or PNG), in bytes.
    scan_max_bytes: int = 10 * MB
    debug: bool = False
    password_profile: str = PASSWORD_PROFILES[0]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        var_dir = Path(env.get("RELIEF_VAR_DIR") or "var").resolve()
        language = env.get("RELIEF_DEFAULT_LANGUAGE", "vi")
        if language not in LANGUAGES:
            raise ValueError(f"RELIEF_DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}")
        profile = env.get("RELIEF_PASSWORD_PROFILE") or PASSWORD_PROFILES[0]
        if profile not in PASSWORD_PROFILES:
            raise ValueError(
                f"RELIEF_PASSWORD_PROFILE must be one of {', '.join(PASSWORD_PROFILES)}"
            )
        return cls(
            database_url=env.get("RELIEF_DATABASE_URL") or default_database_url(var_dir),
            secret_key=env.get("RELIEF_SECRET_KEY") or _secret_key(var_dir),
            var_dir=var_dir,
            media_dir=Path(env.get("RELIEF_MEDIA_DIR") or var_dir / "media").resolve(),
            default_language=language,
            https=_bool(env.get("RELIEF_HTTPS")),
            session_idle_minutes=int(env.get("RELIEF_SESSION_IDLE_MINUTES", "120")),
            late_after_days=int(env.get("RELIEF_LATE_AFTER_DAYS", "120")),
            tranche_needs_minutes=_bool(env.get("RELIEF_TRANCHE_NEEDS_MINUTES"), default=True),
            posting_days=int(env.get("RELIEF_POSTING_DAYS", "7")),
            poverty_list_years=max(1, int(env.get("RELIEF_POVERTY_LIST_YEARS", "2"))),
            uninhabitable_bands=tuple(
                band.strip()
                for band in env.get("RELIEF_UNINHABITABLE_BANDS", "very_heavy").split(",")
                if band.strip()
            ),
            first_report_hours=max(1, int(env.get("RELIEF_FIRST_REPORT_HOURS", "24"))),
            commune_report_hour=min(23, max(0, int(env.get("RELIEF_COMMUNE_REPORT_HOUR", "17")))),
            event_report_days=max(1, int(env.get("RELIEF_EVENT_REPORT_DAYS", "5"))),
            half_year_report_day=min(30, max(1, int(env.get("RELIEF_HALF_YEAR_REPORT_DAY", "15")))),
            year_report_day=min(31, max(1, int(env.get("RELIEF_YEAR_REPORT_DAY", "15")))),
            campaign_week_day=min(6, max(0, int(env.get("RELIEF_CAMPAIGN_WEEK_DAY", "0")))),
            report_issuer=env.get("RELIEF_REPORT_ISSUER", "").strip() or Settings.report_issuer,
            report_recipients=tuple(
                part.strip()
                for part in env.get("RELIEF_REPORT_RECIPIENTS", "").split("|")
                if part.strip()
            )
            or Settings.report_recipients,
            province_report_recipients=tuple(
                part.strip()
                for part in env.get("RELIEF_PROVINCE_REPORT_RECIPIENTS", "").split("|")
                if part.strip()
            )
            or Settings.province_report_recipients,
            scan_max_bytes=max(1, min(SCAN_MAX_MB_CAP, int(env.get("RELIEF_SCAN_MAX_MB", "10"))))
            * MB,
            debug=_bool(env.get("RELIEF_DEBUG")),
            password_profile=profile,
        )


_active: Settings | None = None


def activate(settings: Settings) -> None:
    """Makes these the settings services read (set by create_app) when a rule depends on one."""
    global _active
    _active = settings


def active() -> Settings | None:
    """The settings of the running app; None outside one (a rule then takes its default)."""
    return _active
