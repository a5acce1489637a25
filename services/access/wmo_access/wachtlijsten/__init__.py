"""Wachtlijsten: a client's aanmelding at an aanbieder waits until plaatsing or refusal; the
waiting list per product and gebied, and the clients waiting longer than the segment's norm."""
