"""Read model of `contracting.contracten.v1`: which aanbieder takes part in which contract, in
what rol (hoofdaannemer, combinant, ...), with its coalition partners."""
