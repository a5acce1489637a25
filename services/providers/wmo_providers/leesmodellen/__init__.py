"""Copies of other services' data that leveranciersmanagement keeps from their events."""
