"""Households by hamlet, disasters, and the damage each household suffered."""
