"""The parameter table of `docs/model.md`, generated from `sim.params.Params`.

`parameter_table()` builds a Markdown table from the fields of `Params`: name, default, the
range allowed by the field's `ge`/`le` (or `gt`/`lt`) bounds, its description and its source
from `SOURCES`. Most numbers are calibrated choices, not estimates from data, and `SOURCES`
says so: a literature source names where a mechanism's form comes from, "value calibrated"
that the number itself was chosen to give plausible monthly dynamics.

    python -m sim.paramdoc            # print the table
    python -m sim.paramdoc --write    # rewrite the block in docs/model.md in place
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sim.params import Params

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "model.md"
START = "<!-- params:start -->"
END = "<!-- params:end -->"
MISSING = "**no source recorded**"

SOURCE = re.compile(r"^\[(?P<source>[^\]]+)\]\s*(?P<meaning>.*)$", re.S)


def split_description(description: str) -> tuple[str, str]:
    """`"[Fortna 2004] monthly chance..."` -> ("monthly chance...", "Fortna 2004")."""
    m = SOURCE.match(description or "")
    if not m:
        return description or "", MISSING
    return m["meaning"], m["source"]


def _number(x: float | int) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def _bounds(metadata: list) -> str:
    """The closed or open interval allowed by pydantic's ge/gt/le/lt constraint objects."""
    lo = hi = None
    lo_open = hi_open = False
    for m in metadata:
        if getattr(m, "ge", None) is not None:
            lo = m.ge
        elif getattr(m, "gt", None) is not None:
            lo, lo_open = m.gt, True
        elif getattr(m, "le", None) is not None:
            hi = m.le
        elif getattr(m, "lt", None) is not None:
            hi, hi_open = m.lt, True
    left = "(−∞" if lo is None else f"{'(' if lo_open else '['}{_number(lo)}"
    right = "∞)" if hi is None else f"{_number(hi)}{')' if hi_open else ']'}"
    return f"{left}, {right}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def parameter_table() -> str:
    """The Markdown table of every field of `Params` (no trailing newline)."""
    rows = [
        "| Parameter | Default | Range | Meaning (per month unless said otherwise) | Source |",
        "|---|---|---|---|---|",
    ]
    for name, field in Params.model_fields.items():
        kind = " (int)" if field.annotation is int else ""
        meaning, source = split_description(field.description or "")
        rows.append(
            f"| `{name}` | {_number(field.default)} | {_bounds(field.metadata)}{kind} "
            f"| {_cell(meaning)} | {_cell(source)} |"
        )
    return "\n".join(rows)


def block(text: str) -> str | None:
    """The text between the markers in `text`, or None if the markers are missing."""
    if START not in text or END not in text:
        return None
    return text.split(START, 1)[1].split(END, 1)[0]


def write(path: Path = DOC_PATH) -> bool:
    """Rewrite the block between the markers in `path`; return True if it changed."""
    text = path.read_text(encoding="utf-8")
    if block(text) is None:
        raise SystemExit(f"{path}: markers {START} ... {END} not found")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    new = f"{head}{START}\n{parameter_table()}\n{END}{tail}"
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        changed = write()
        print(f"{DOC_PATH}: parameter table {'refreshed' if changed else 'already up to date'}")
        return 0
    if args:
        print("usage: python -m sim.paramdoc [--write]", file=sys.stderr)
        return 2
    print(parameter_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
