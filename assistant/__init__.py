"""The Ofsted evidence assistant: cited answers and claim checks over inspection letters and press releases."""

from .answering.compose import NO_ANSWER
from .api import Assistant
from .types import Answer, Citation, ClaimCheck, Passage, SearchFilters, Verdict

__all__ = ["Assistant", "NO_ANSWER", "Answer", "Citation", "ClaimCheck", "Passage", "SearchFilters", "Verdict"]
