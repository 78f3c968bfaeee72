"""The province-wide registry of sponsors and their pledges."""
