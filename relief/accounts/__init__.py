"""Users, login, sessions, API tokens and roles."""
