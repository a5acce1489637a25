"""Read model of `contracting.contracten.v1`: segment rules and who holds which contract."""
