"""The Logboek Dataverwerkingen across the suite: an auditor searches every service's
processing records of one client by BSN (wmo_common.logboek serves each service's own)."""
