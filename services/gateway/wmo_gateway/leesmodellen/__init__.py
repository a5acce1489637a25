"""Copies of other services' data the gateway keeps, one package each (no owned imports)."""
