"""What a reviewer may correct a candidate to: the catalog's indicators, the provinces, period
codes, the contract's qualifiers, levels and scopes, and numbers as a Vietnamese reader reads them.

A correction is checked when it is typed, before anything is written, and refused with the
field to fix and why, in the same terms as the records' own rules (`make validate` still checks
the corrected record whole).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.contract import LEVELS, NATIONAL, QUALIFIERS, SCOPES, format_value
from analysis.records.periods import parse_period, period_order
from analysis.records.reviews import CLEAR
from analysis.reference import jurisdictions, load_catalog
from analysis.vietnamese import read_typed_number, unmarked

# What a reviewer picks for "no tier"; a review file writes it as reviews.CLEAR.
NO_LEVEL = ""


class CorrectionError(ValueError):
    """A correction the records would refuse; `field` names the input to fix."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


def plain(text: str) -> str:
    """Lower case without Vietnamese marks (đ as d): what a reviewer types without them."""
    return unmarked(text).lower().strip()


def periods_to_offer(seen: Iterable[str]) -> list[str]:
    """Period codes to suggest: every one the candidates use, and the usual ones of their years."""
    found = {p for p in seen if p}
    years = {int(p[:4]) for p in found if p[:4].isdigit()}
    for year in years:
        found |= {str(year), f"{year}-H1", f"{year}-H2", f"{year}-9M", f"{year}-YTD"}
        found |= {f"{year}-Q{q}" for q in range(1, 5)}
    return period_order(sorted(found))


@dataclass
class Reference:
    """The choices a correction may take: the catalog, places, periods."""

    indicators: dict[str, dict[str, str]]
    places: list[str]
    periods: list[str]

    @classmethod
    def load(cls, candidates: list[dict[str, str]]) -> Reference:
        catalog = load_catalog()
        indicators = {
            str(r["code"]): {
                "name_vi": str(r["name_vi"]),
                "name_en": str(r["name_en"]),
                "unit": str(r["unit"]),
                "unit_vi": str(r["unit_vi"]),
            }
            for _, r in catalog.iterrows()
        }
        names = jurisdictions()["jurisdiction"].astype(str).unique()
        places = [NATIONAL, *sorted((n for n in names if n != NATIONAL), key=plain)]
        return cls(indicators, places, periods_to_offer(c["period"] for c in candidates))


class Corrections:
    """Checks a reviewer's corrections of a candidate against the reference choices."""

    def __init__(self, reference: Reference):
        self.reference = reference

    def complete(self, record: dict[str, str], correctable: tuple[str, ...]) -> None:
        """A reviewed record needs its place (the extractor leaves it empty when it found none)
        and, where candidates carry it, its scope: CorrectionError naming the field if not."""
        if not record.get("jurisdiction"):
            raise CorrectionError(
                "jurisdiction",
                "no place was found for this figure: type its province (p), or reject it (x)",
            )
        if "scope" in correctable and not record.get("scope"):
            raise CorrectionError("scope", "choose the figure's scope (s): total, area or part")

    def checked(
        self,
        item: dict[str, str],
        corrections: dict[str, str] | None,
        correctable: tuple[str, ...],
    ) -> dict[str, str]:
        """The corrections that change the item, as a review file writes them; CorrectionError
        naming the field for one the records would refuse."""
        out: dict[str, str] = {}
        for name, raw in (corrections or {}).items():
            if name not in correctable:
                raise CorrectionError(name, f"{name} cannot be corrected in a review file")
            text = " ".join(str(raw).split())
            value = self._field(name, text, item, {**item, **out})
            if value != item.get(name, "") and not (
                name == "level" and value == "-" and not item[name]
            ):
                out[name] = value
        return out

    def _field(self, name: str, text: str, item: dict[str, str], now: dict[str, str]) -> str:
        if name == "indicator":
            return self._indicator(text)
        if name == "value":
            return self._value(text, now.get("indicator") or item["indicator"])
        if name == "qualifier":
            return _one_of(name, text, QUALIFIERS)
        if name == "jurisdiction":
            return self._place(text)
        if name == "period":
            try:
                parse_period(text)
            except ValueError as exc:
                raise CorrectionError(name, str(exc)) from None
            return text
        if name == "level":
            return CLEAR if text in (NO_LEVEL, CLEAR) else _one_of(name, text, LEVELS)
        if name == "scope":
            return _one_of(name, text, SCOPES)
        return text

    def _indicator(self, text: str) -> str:
        codes = self.reference.indicators
        if text in codes:
            return text
        by_name = {v["name_vi"]: k for k, v in codes.items()}
        if text in by_name:
            return by_name[text]
        close = difflib.get_close_matches(text, list(codes), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise CorrectionError("indicator", f"indicator {text!r} is not in the catalog{hint}")

    def _value(self, text: str, indicator: str) -> str:
        number = read_typed_number(text)
        if number is None:
            raise CorrectionError(
                "value", f"value {text!r} is not a number (write 1300, 1.300 or 84,9)"
            )
        unit = self.reference.indicators.get(indicator, {}).get("unit", "")
        if unit == "percent" and number > 100:
            raise CorrectionError("value", f"{indicator} is a percentage: {text} is over 100")
        if unit != "percent" and not number.is_integer():
            raise CorrectionError("value", f"{indicator} counts {unit}: {text} is not whole")
        return format_value(number)

    def _place(self, text: str) -> str:
        places = self.reference.places
        if text in places:
            return text
        unmarked = {plain(p): p for p in places}
        key = plain(re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", text, flags=re.I))
        if key in unmarked:
            return unmarked[key]
        close = difflib.get_close_matches(key, list(unmarked), n=1, cutoff=0.8)
        hint = f" (did you mean {unmarked[close[0]]}?)" if close else ""
        raise CorrectionError(
            "jurisdiction", f"{text!r} is not a province or city, nor {NATIONAL}{hint}"
        )


def _one_of(name: str, text: str, allowed: tuple[str, ...]) -> str:
    if text not in allowed:
        raise CorrectionError(name, f"{name} {text!r} is not one of {', '.join(allowed)}")
    return text
