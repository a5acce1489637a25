"""The financing model and its parameters, shared by strategies and contracts."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator
from sqlalchemy import BigInteger, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from wmo_common.events.contracting import Bekostiging as BekostigingEvent
from wmo_common.schema import CamelModel

Bekostigingsmodel = Literal["inspanningsgericht", "outputgericht", "taakgericht"]


class BekostigingColumns:
    """The financing model and its parameters as columns of the table that mixes this in."""

    bekostigingsmodel: Mapped[str] = mapped_column(String(20))
    realisatiefactor: Mapped[Decimal | None] = mapped_column(Numeric(9, 4))
    resultaat_percentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    kortingspercentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    uitvoeringsbijdrage_percentage: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    budgetplafond_cents: Mapped[int | None] = mapped_column(BigInteger)


class Bekostiging(CamelModel):
    """Inspanningsgericht (P x Q), outputgericht (with a realisation factor and optionally the
    80/20 result split) or taakgericht (lumpsum, with a reduction and an execution contribution);
    any of them may carry a spending ceiling per aanbieder."""

    model: Bekostigingsmodel = Field(examples=["taakgericht"])
    realisatiefactor: Decimal | None = Field(
        default=None,
        gt=0,
        le=2,
        max_digits=9,
        decimal_places=4,
        description="Outputgericht: factor voor realisatie, ziekte en vakantie.",
        examples=["0.9500"],
    )
    resultaat_percentage: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        max_digits=5,
        decimal_places=2,
        description="Outputgericht: deel dat pas bij behaalde resultaten betaald wordt (20 van "
        "80/20).",
        examples=["20"],
    )
    kortingspercentage: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        max_digits=5,
        decimal_places=2,
        description="Taakgericht: korting op het totale taakbudget.",
        examples=["6"],
    )
    uitvoeringsbijdrage_percentage: Decimal | None = Field(
        default=None,
        ge=0,
        le=100,
        max_digits=5,
        decimal_places=2,
        description="Taakgericht: bijdrage uit het budget aan de uitvoeringsorganisatie.",
        examples=["15"],
    )
    budgetplafond_cents: int | None = Field(
        default=None, ge=0, description="Budgetplafond per aanbieder in eurocent."
    )

    @model_validator(mode="after")
    def _parameters_fit_the_model(self) -> Bekostiging:
        misplaced = []
        if self.model != "outputgericht":
            misplaced += [
                n for n in ("realisatiefactor", "resultaat_percentage") if getattr(self, n)
            ]
        if self.model != "taakgericht":
            misplaced += [
                n
                for n in ("kortingspercentage", "uitvoeringsbijdrage_percentage")
                if getattr(self, n) is not None
            ]
        if misplaced:
            raise ValueError(f"{', '.join(misplaced)} hoort niet bij bekostiging {self.model}")
        if self.model == "outputgericht" and self.realisatiefactor is None:
            raise ValueError("outputgerichte bekostiging vraagt een realisatiefactor")
        return self

    def store(self, target: BekostigingColumns) -> None:
        target.bekostigingsmodel = self.model
        target.realisatiefactor = self.realisatiefactor
        target.resultaat_percentage = self.resultaat_percentage
        target.kortingspercentage = self.kortingspercentage
        target.uitvoeringsbijdrage_percentage = self.uitvoeringsbijdrage_percentage
        target.budgetplafond_cents = self.budgetplafond_cents

    @classmethod
    def of(cls, source: BekostigingColumns) -> Bekostiging:
        return cls.model_validate(
            {
                "model": source.bekostigingsmodel,
                "realisatiefactor": source.realisatiefactor,
                "resultaat_percentage": source.resultaat_percentage,
                "kortingspercentage": source.kortingspercentage,
                "uitvoeringsbijdrage_percentage": source.uitvoeringsbijdrage_percentage,
                "budgetplafond_cents": source.budgetplafond_cents,
            }
        )

    def to_event(self) -> BekostigingEvent:
        return BekostigingEvent(
            model=self.model,
            realisatiefactor=self.realisatiefactor,
            resultaat_percentage=self.resultaat_percentage,
            kortingspercentage=self.kortingspercentage,
            uitvoeringsbijdrage_percentage=self.uitvoeringsbijdrage_percentage,
            budgetplafond_cents=self.budgetplafond_cents,
        )
