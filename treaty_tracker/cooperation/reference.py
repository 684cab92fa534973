"""The cooperation fact types of the reference data (see ``reference.validation.FactType``)."""

from treaty_tracker.reference.validation import FactType

FACT_TYPES: list[FactType] = []
