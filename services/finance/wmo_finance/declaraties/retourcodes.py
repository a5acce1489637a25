"""The iWmo 3.2 retour codes (LDT_RetourCode) finance gives a Wmo323, by the rule behind each.

Only the rules finance judges (money and the lines declared before); the gateway's (TR333,
TR338, TR304, TR384, TR339, TR340, TR307, TR308, TR387, TR388) and the codec's (TR319, TR346)
have their own home (docs/iwmo-codec.md)."""

VOLLEDIG_TOEGEWEZEN = "8001"
GEEN_OPMERKING = "0200"
# TR338 is the gateway's; finance only refuses a line on a toewijzing its copy does not hold.
ONBEKENDE_TOEWIJZING = "9338"  # TR338: no toewijzing with this number for this aanbieder
# A product financed taakgericht (lumpsum) is paid by termijnen, one financed outputgericht by
# 80 % at the start of care and 20 % on the result; neither per claim (OP261): its toewijzing
# has no declarable ToegewezenProduct. iWmo 3.2 has no code of its own for that; TR338's code
# says that the prestatie is not related to a (declarable) toegewezen product.
NIET_DECLAREERBAAR = "9338"  # TR338 + OP261
ANDERE_EENHEID = "9341"  # TR341
VOLUME_PERIODE_TE_HOOG = "9321"  # TR321
VOLUME_TOTAAL_TE_HOOG = "9322"  # TR322
BUDGET_OVERSCHREDEN = "9369"  # TR369
ANDER_TARIEF = "0611"  # TR418: not the contract tarief valid for the period
BEDRAG_NIET_VOLUME_MAAL_TARIEF = "9346"  # TR346
REFERENTIE_AL_GEBRUIKT = "8021"  # TR314
DEBET_AL_GEDECLAREERD = "9389"  # TR389: a second debit for the period needs the first credited
CREDIT_ZONDER_DEBET = "8017"  # TR323
AL_GECREDITEERD = "9390"  # TR390
