"""A span of years a question is asked about (``--since``/``--until``; API ``since``,
``until``): both ends inclusive, either open.

A paper counts inside a window when its year is in it; a paper without a year counts
only when the window is open at both ends (the whole graph). A co-authorship exists in
a window when the two wrote at least one paper together inside it, and its weight
there is the number of those papers.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import InvalidQueryError

__all__ = ["MAX_YEAR", "MIN_YEAR", "WHOLE", "Window"]

MIN_YEAR = 1000
MAX_YEAR = 9999


@dataclass(frozen=True, slots=True)
class Window:
    since: int | None = None
    until: int | None = None

    def __post_init__(self) -> None:
        for name, year in (("since", self.since), ("until", self.until)):
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                raise InvalidQueryError(
                    f"{name} must be a year between {MIN_YEAR} and {MAX_YEAR}",
                    details={name: year},
                )
        if self.since is not None and self.until is not None and self.since > self.until:
            raise InvalidQueryError(
                f"since ({self.since}) is after until ({self.until})",
                details={"since": self.since, "until": self.until},
            )

    @property
    def whole(self) -> bool:
        """Open at both ends: every paper counts, with or without a year."""
        return self.since is None and self.until is None

    def holds(self, year: int | None) -> bool:
        if self.whole:
            return True
        if year is None:
            return False
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until
        )

    @property
    def bounds(self) -> tuple[int, int]:
        """The window as a closed range of years (open ends as the extremes)."""
        return (
            MIN_YEAR if self.since is None else self.since,
            MAX_YEAR if self.until is None else self.until,
        )


WHOLE = Window()
