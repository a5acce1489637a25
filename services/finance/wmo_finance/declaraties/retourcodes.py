"""The iWmo 3.2 retour codes (LDT_RetourCode) finance gives a Wmo323, by the rule behind each."""

VOLLEDIG_TOEGEWEZEN = "8001"
GEEN_OPMERKING = "0200"
NIET_BEOORDEELD = "0233"
NUMMER_NIET_UNIEK = "9333"  # TR333
ONBEKENDE_TOEWIJZING = "9338"  # TR338: no toewijzing with this number for this aanbieder
# A product financed taakgericht (lumpsum) is paid by termijnen, never per client (OP261): its
# toewijzing has no declarable ToegewezenProduct. iWmo 3.2 has no code of its own for that;
# TR338's code says that the prestatie is not related to a (declarable) toegewezen product.
NIET_DECLAREERBAAR = "9338"  # TR338 + OP261
ANDERE_CLIENT = "8187"  # TR304
VERWIJDERDE_TOEWIJZING = "9384"  # TR384
ANDERE_CATEGORIE = "9339"  # TR339
ANDERE_PRODUCTCODE = "9340"  # TR340
ANDERE_EENHEID = "9341"  # TR341
BEGIN_BUITEN_TOEWIJZING = "9307"  # TR307
EIND_BUITEN_TOEWIJZING = "9308"  # TR308
BUITEN_DECLARATIEPERIODE = "9319"  # TR319: later than the declaratieperiode, or in the future
VOLUME_PERIODE_TE_HOOG = "9321"  # TR321
VOLUME_TOTAAL_TE_HOOG = "9322"  # TR322
BUDGET_OVERSCHREDEN = "9369"  # TR369
ANDER_TARIEF = "0611"  # TR418: not the contract tarief valid for the period
BEDRAG_NIET_VOLUME_MAAL_TARIEF = "9346"  # TR346
REFERENTIE_AL_GEBRUIKT = "8021"  # TR314
DEBET_AL_GEDECLAREERD = "9389"  # TR389: a second debit for the period needs the first credited
CREDIT_ZONDER_DEBET = "8017"  # TR323
AL_GECREDITEERD = "9390"  # TR390
