"""Shared pieces of the typed models: strictness and the small value types."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from handouts.models import values


class Model(BaseModel):
    """Unknown keys are errors; values are never coerced (YAML's `no` stays a bool and is refused as text)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# A line of text shown to patients: never empty, and short enough to stay a line of text.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
BlockId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
                    Field(description="Stable id of the block; translations and reviews key on it. Never reuse one.")]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
                     Field(description='A colour as "#RRGGBB", in quotes.')]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"),
                     AfterValidator(values.language), Field(description="A language code such as en, es, vi, ar.")]
# A phone number as printed: digits with spaces, dashes, dots, brackets or a leading +. Text like
# "call us" is refused, because patients must be able to dial what the handout says.
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40,
                                         pattern=r"^[+(]?[0-9][0-9 ()./-]*[0-9]$"),
                  Field(description='A phone number in quotes, e.g. "(555) 010-0100" or "+44 1632 960418".')]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
                  AfterValidator(values.email), Field(description="An email address, e.g. care@example.org.")]
# The pattern is for editors (the JSON Schema); the URL parser decides (https, a real host name, no spaces).
Website = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^https://"),
                    AfterValidator(values.website), Field(description="The clinic's website (https://...).")]
