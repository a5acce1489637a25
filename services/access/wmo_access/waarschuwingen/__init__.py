"""Waarschuwingen: a toewijzing to an aanbieder with an open, non-blocking signalering is allowed
but carries the warning, and is counted per aanbieder."""
