"""The decision letter of a beschikking, for the citizen: what the Awb and the Wmo 2015 require
of it, laid out on the gemeente's letterhead, as PDF (fpdf2) and as HTML (Jinja2)."""
