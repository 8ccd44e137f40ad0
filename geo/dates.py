"""Showing a recorded date no finer than its precision (maps, exports). Reading dates
in text is ``reader.dates``."""

from __future__ import annotations

import re

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def display_date(iso: str | None, precision: int | None) -> str:
    """A recorded date as a reader should see it: no finer than its precision.

    Precision 1 is the day ("11 Mar 2025"), 2 the week it starts ("week of 10 Mar 2025"),
    3 the month ("Aug 2024"); at precision 3 a 1 January stands for a whole year ("in
    2023" is recorded as 2023-01-01), so it shows as the year, never as a month it may not
    be. Partial dates ("2024-08") show what they hold; anything unreadable shows as given.
    """
    text = str(iso or "").strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text[:10])
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        return text
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return year
    month_name = _MONTH_ABBR[int(month) - 1]
    if day is None:
        return f"{month_name} {year}"
    if precision is not None and precision >= 3:
        return year if (month, day) == ("01", "01") else f"{month_name} {year}"
    days = f"{int(day)} {month_name} {year}"
    return f"week of {days}" if precision == 2 else days
