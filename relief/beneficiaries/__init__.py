"""Beneficiary lists: from the draft to the commune's decision (review, posting, complaints)."""
