"""The iWmo answer terms, in working days (counted with `wmo_common.calendar.add_working_days`).

Every message is answered (its retour) within 3 working days; a Wmo325 within 10; a Wmo315 or
Wmo317 gets its 301 or 319 within 5 (DESIGN.md, iWmo OP065/OP304/OP309).
"""

RETOUR_WERKDAGEN = 3
DECLARATIE_ANTWOORD_WERKDAGEN = 10
VERZOEK_ANTWOORD_WERKDAGEN = 5
