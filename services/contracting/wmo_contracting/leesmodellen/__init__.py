"""Contracting keeps no copies of other services' data: everything it decides with, it owns."""
