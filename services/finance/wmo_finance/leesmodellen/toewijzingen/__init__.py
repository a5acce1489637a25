"""Read model of access's toewijzingen, expired indicaties and evaluated results."""
