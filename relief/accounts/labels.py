"""The accounts area's kinds of record and actions, as the audit trail names them."""

from __future__ import annotations

from relief.core.labels import ACTIONS, ROLES, register_record

register_record(
    "user",
    "User",
    {
        "username": "Username",
        "full_name": "Full name",
        "role": "Role",
        "sponsor_id": "Sponsor",
        "is_active": "Active",
    },
    {"role": ROLES},
)
register_record("session", "Session")
register_record("api_token", "API token")
ACTIONS.add(
    {
        "login": "Logged in",
        "logout": "Logged out",
        "login_failed": "Login failed",
        "login_throttled": "Login paused after failures",
        "change_password": "Password changed",
        "reset_password": "Password reset",
        "enable": "Enabled",
        "disable": "Disabled",
        "revoke": "Revoked",
    }
)
