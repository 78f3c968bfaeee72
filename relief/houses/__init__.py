"""House cases, the stage machine, funding, photos, handovers and the sponsor portal."""
