"""Aanmeldstops: an aanbieder takes no new clients for a product/gebied for a while."""
