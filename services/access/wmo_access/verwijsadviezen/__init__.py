"""Verwijsadvies: for an indicatie, the contracted aanbieders that may deliver it in the client's
gebied, ranked by what the segment's strategy values, with the reasons shown."""
