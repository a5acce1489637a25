"""Finance's copies of other services' data: `contracten` (contracting's strategies, contracts
and tarieven) and `toewijzingen` (access's toewijzingen, expired indicaties and evaluated
results). A read model only applies events; what an event sets in motion lives in `reacties`."""
