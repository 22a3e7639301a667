"""Problems found in input files: one located problem, the error that carries them all.

Every check (GeoJSON, CSV, the store, large files) reports ``Problem`` rows naming the
file, the feature or line, the field, what is wrong and how to fix it; a loader that
refuses its input raises ``GeoDataError`` with all of them. ``problems_table`` lays
them out for the reader.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as possible."""

    file: str
    index: int | None
    feature_id: str | None
    field: str | None
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.index is not None:
            ident = f" (id {self.feature_id!r})" if self.feature_id else ""
            parts.append(f"feature {self.index}{ident}")
        if self.field:
            parts.append(f"field {self.field!r}")
        text = ": ".join([*parts, self.message])
        if self.hint:
            text += f" — {self.hint}"
        return f"warning: {text}" if self.severity == "warning" else text


class GeoDataError(ValueError):
    """Input rejected; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def stopped_problem(name: str, problems: list[Problem], checked: int, unit: str) -> Problem:
    """The last problem of a file checked only up to ``schema.MAX_PROBLEMS``: counts by field.

    An error at file level, so nothing from a file checked only in part is saved.
    """
    counts = Counter((p.field or "file").split(".")[0].split("[")[0] for p in problems)
    by_field = ", ".join(f"{field} {n:,}" for field, n in counts.most_common(8))
    msg = (
        f"checking stopped after {len(problems):,} problems in the first {checked:,} {unit}s "
        f"(problems by field: {by_field}); nothing from this file is saved"
    )
    return Problem(name, None, None, None, msg, "fix these problems, then check the file again")


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that reject their feature or file."""
    return [p for p in problems if p.severity == "error"]


PROBLEM_COLUMNS = ("Severity", "Event id", "Field", "What is wrong", "How to fix")


def problems_table(problems, *, csv: bool = False):
    """One row per problem, for a table the analyst reads before anything is saved.

    The first column locates the problem: ``Line`` (CSV line, header = 1) for a CSV
    file, else ``Feature`` (index in the file's ``features`` list, from 0); empty
    when the problem concerns the whole file. Every cell is plain text.
    """
    import pandas as pd  # the command line's checks never need pandas

    where = "Line" if csv else "Feature"
    rows = [
        {
            where: "" if p.index is None else str(p.index),
            "Severity": p.severity,
            "Event id": p.feature_id or "",
            "Field": p.field or "",
            "What is wrong": p.message,
            "How to fix": p.hint,
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=[where, *PROBLEM_COLUMNS], dtype=str)
