"""Vouchers (phiếu chi) paying a house's tranches, and the settlement (quyết toán) of a round."""
