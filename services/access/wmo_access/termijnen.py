"""The legal terms of toegang. Dates, working days and months come from wmo_common.calendar."""

from __future__ import annotations

from datetime import timedelta

# Wmo 2015 art. 2.3.2: the onderzoek is finished within six weeks of the melding; a client may
# hand in a persoonlijk plan within seven days of it. Art. 4:13 Awb with 2.3.5: the beschikking
# follows within two weeks of the aanvraag.
ONDERZOEK_TERMIJN = timedelta(weeks=6)
PERSOONLIJK_PLAN_TERMIJN = timedelta(days=7)
BESCHIKKING_TERMIJN = timedelta(weeks=2)
# iWmo: a 315/317 is answered within 5 working days, or within 8 weeks of its receipt when
# toegang marks it "in onderzoek" (OP346).
VERZOEK_WERKDAGEN = 5
VERZOEK_ONDERZOEK_TERMIJN = timedelta(weeks=8)
