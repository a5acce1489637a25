"""Finance has no periodic work: everything it does follows from an event or a request."""
