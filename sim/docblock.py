"""Generated blocks in the docs: every number a page quotes comes from a run, never typed by hand.

A page holds a block between two HTML comments, `<!-- TAG:start -->` and `<!-- TAG:end -->`. A
docsync module (`sim.validation.docsync`, `sim.experiments.sensitivity_docsync`) runs its
experiment, saves the results as JSON beside the page and renders the block from that JSON;
the suite compares the block with the render of the JSON, which is cheap (no rerun), so a page
edited by hand, or a JSON refreshed without its page, fails. Each docsync module's command line:

    python -m MODULE             # rerun, save the JSON, rewrite the block
    python -m MODULE --check     # exit 1 if the block differs from the render of the JSON
    python -m MODULE --render    # rewrite the block from the JSON, no rerun
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.atomic import write_text

Results = dict[str, Any]


def markers(tag: str) -> tuple[str, str]:
    """The opening and closing comments of the block named `tag`."""
    return f"<!-- {tag}:start -->", f"<!-- {tag}:end -->"


def block(text: str, tag: str) -> str | None:
    """The text between the markers of `tag` (surrounding blank lines removed), or None if absent."""
    start, end = markers(tag)
    if start not in text or end not in text.split(start, 1)[1]:
        return None
    return text.split(start, 1)[1].split(end, 1)[0].strip()


def replace_block(text: str, tag: str, body: str) -> str:
    """`text` with the block of `tag` replaced by `body`; ValueError if the markers are missing."""
    start, end = markers(tag)
    if block(text, tag) is None:
        raise ValueError(f"markers {start} ... {end} not found")
    head, rest = text.split(start, 1)
    return f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}"


@dataclass(frozen=True)
class GeneratedBlock:
    """A page's generated block, the JSON it is rendered from, and the render function."""

    doc: Path
    results: Path
    tag: str
    render: Callable[[Results], str]

    def load(self) -> Results:
        return json.loads(self.results.read_text(encoding="utf-8"))

    def current(self) -> str | None:
        """The block as the page has it now (None without markers)."""
        return block(self.doc.read_text(encoding="utf-8"), self.tag)

    def is_current(self) -> bool:
        """Does the page's block equal the render of the saved JSON?"""
        return self.results.is_file() and self.current() == self.render(self.load())

    def write_doc(self, results: Results) -> None:
        """Rewrite the page's block from `results` (atomically; the rest of the page is kept)."""
        write_text(self.doc, replace_block(self.doc.read_text(encoding="utf-8"), self.tag, self.render(results)))

    def save(self, results: Results) -> None:
        """Save `results` as the JSON, then rewrite the block from it."""
        write_text(self.results, json.dumps(results, indent=1, allow_nan=False) + "\n")
        self.write_doc(results)

    def main(self, argv: list[str] | None, run: Callable[[], Results], prog: str) -> int:
        """The command line described in this module's docstring."""
        parser = argparse.ArgumentParser(prog=prog, description=f"refresh the generated block of {self.doc.name}")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--check", action="store_true", help="exit 1 if the block does not match the JSON")
        mode.add_argument("--render", action="store_true", help="rewrite the block from the JSON, no rerun")
        args = parser.parse_args(argv)
        doc, results = _shown(self.doc), _shown(self.results)
        if args.check:
            ok = self.is_current()
            print(f"{doc} matches {results}" if ok else f"{doc} is stale: run `{prog}`")
            return 0 if ok else 1
        if args.render:
            self.write_doc(self.load())
            print(f"rewrote the block of {doc} from {results}")
            return 0
        self.save(run())
        print(f"refreshed {doc} and {results}")
        return 0


def _shown(path: Path) -> str:
    """`docs/x.md` rather than the absolute path, when the path is under the current directory."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
