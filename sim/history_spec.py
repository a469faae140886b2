"""The optional `[history]` table of a scenario: what actually happened.

A historical case (`scenarios/history/*.toml`) is an ordinary scenario plus this table, which
records the real outcome in the model's terms (one of the `Outcome` values), the month it
came (counted like the scenario's steps), for a victory the winner, the sources, and notes on how the outcome was read.
`brink validate --history` compares the simulated outcome shares with it. The model itself
never reads this table.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sim.mechanisms.outcomes import Outcome


class HistorySpec(BaseModel):
    """The historical outcome of a case, for validation only."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    outcome: Outcome = Field(description="what happened, as one of the model's outcomes")
    winner: str | None = Field(None, description="for a victory: the state that won (one of the dispute's sides)")
    outcome_month: Annotated[int, Field(ge=0, le=10_000)] | None = Field(
        None, description="the month it came, counted like the scenario's steps"
    )
    sources: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1, description="where the history comes from")
    notes: str = Field("", description="how the outcome was read")
