"""Keep the server log and the browser console quiet: two fixes to Solara 1.58.2's own files.

* Its router component (`solara/widgets/vue/navigator.vue`) starts its script with
  `modules.export = {` (a typo for `module.exports`), so every page load logs "Failed to
  evaluate Vue script" in the console. The dashboard gives the router a corrected copy of that
  file, written once into the temporary folder, so the installed package stays untouched.
* The session cookie on plain http at 127.0.0.1 cannot be SameSite=None, and Solara warns on
  every page load; it then uses SameSite=Lax, which is right for a dashboard that is never
  embedded in another site, so that warning is silenced.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

import solara
from solara.widgets import widgets as solara_widgets

TYPO, FIX = "modules.export = {", "module.exports = {"


def fixed_navigator_template() -> Path | None:
    """A corrected copy of Solara's router template (None if the installed one needs no fix)."""
    original = Path(solara_widgets.Navigator.template_file)
    text = original.read_text(encoding="utf-8")
    if TYPO not in text:
        return None
    target = Path(tempfile.gettempdir()) / f"brinkmanship-solara-{solara.__version__}" / "navigator.vue"
    fixed = text.replace(TYPO, FIX)
    if not target.is_file() or target.read_text(encoding="utf-8") != fixed:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(fixed, encoding="utf-8")
        partial.replace(target)  # atomic: two servers starting at once never read half a file
    return target


def apply() -> None:
    warnings.filterwarnings("ignore", message=r"Cookies with samesite=none require https")
    try:
        fixed = fixed_navigator_template()
    except OSError:  # no writable temp folder: keep Solara's file and its console warning
        return
    if fixed is not None:
        solara_widgets.Navigator.template_file = str(fixed)
