"""Summaries, dashboards and exports over the other areas."""
