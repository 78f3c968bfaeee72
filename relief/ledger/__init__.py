"""The Fatherland Front's ledger: donations received, allocations, spending, public books."""
