"""Bulk import of households and their damage from Excel and CSV files."""
