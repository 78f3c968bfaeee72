"""Work without a signal: the installable app, the officer's cached list, the outbox page."""
