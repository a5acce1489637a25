"""Read model of contracting's facts: segments (strategies), contracts and their tarieven."""
