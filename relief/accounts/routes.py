"""The route handlers of this area, registered by relief.app."""

from relief.accounts.admin_views import AdminUserViews
from relief.accounts.api import AccountsApi
from relief.accounts.audit_views import AuditViews
from relief.accounts.views import AccountViews, LoginViews

ROUTES: list = [LoginViews, AccountViews, AdminUserViews, AuditViews, AccountsApi]
