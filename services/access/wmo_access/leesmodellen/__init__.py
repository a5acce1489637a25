"""Copies of other services' data that toegang decides with, kept from their events."""
