"""Province, communes and wards, hamlets, and the pre-2025 units merged into each commune."""
