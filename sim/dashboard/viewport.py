"""Two invisible widgets that talk to the browser window itself.

`Viewport` reports the window's width once when the page opens: the server cannot know the
screen size, and the control panel should start folded away on a phone so the run is what a
student sees first. `PauseWitness` tells the server which month the page showed when Play/Pause was clicked (its
message leaves before the click's own), so Pause stops on that month even when the page lags
behind the server on a busy machine. `AddressBar` keeps the page's address in step with what is on screen
(`?scenario=...&seed=...`), replacing the history entry rather than adding one per change,
so a reload or a shared link opens the same run.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import solara
import traitlets

HIDDEN = {"display": "none"}  # invisible widgets take no room on the page
PHONE_WIDTH = 760  # px; the CSS stacks everything in one column below this width

ESM = """
export default {
  render({ model, el }) {
    el.style.display = 'none';
    model.send({ width: window.innerWidth, height: window.innerHeight });
  },
};
"""


class ViewportProbe(anywidget.AnyWidget):
    _esm = ESM


ADDRESS_ESM = """
export default {
  render({ model, el }) {
    el.style.display = 'none';
    const apply = () => {
      const query = model.get('query');
      if (query !== null && window.location.search !== query) {
        window.history.replaceState(window.history.state, '', window.location.pathname + query);
      }
    };
    apply();
    model.on('change:query', apply);
    return () => model.off('change:query', apply);
  },
};
"""


class AddressBarWidget(anywidget.AnyWidget):
    _esm = ADDRESS_ESM
    query = traitlets.Unicode(None, allow_none=True).tag(sync=True)


@solara.component
def AddressBar(query: str):
    """Show `query` (starting with '?') in the browser's address bar."""
    return AddressBarWidget.element(query=query, layout=HIDDEN)


@solara.component
def Viewport(on_width: Callable[[int], None]):
    element = ViewportProbe.element(layout=HIDDEN)

    def listen():
        widget = solara.get_widget(element)

        def handle(_widget, content, _buffers):
            if isinstance(content, dict) and isinstance(content.get("width"), int | float):
                on_width(int(content["width"]))

        widget.on_msg(handle)
        return lambda: widget.on_msg(handle, remove=True)

    solara.use_effect(listen, [])
    return element


WITNESS_ESM = """
export default {
  render({ model, el }) {
    el.style.display = 'none';
    // capture phase: runs before the button's own handler, so this message is sent first
    const seen = (e) => {
      if (!e.target.closest || !e.target.closest('.brink-play, .brink-quick-play')) { return; }
      const month = document.querySelector('.brink-month');
      if (month) { model.send({ shown: Number(month.dataset.step) }); }
    };
    document.addEventListener('click', seen, true);
    return () => document.removeEventListener('click', seen, true);
  },
};
"""


class PauseWitnessWidget(anywidget.AnyWidget):
    _esm = WITNESS_ESM


@solara.component
def PauseWitness(on_shown: Callable[[int], None]):
    element = PauseWitnessWidget.element(layout=HIDDEN)

    def listen():
        widget = solara.get_widget(element)

        def handle(_widget, content, _buffers):
            if isinstance(content, dict) and isinstance(content.get("shown"), int | float):
                on_shown(int(content["shown"]))

        widget.on_msg(handle)
        return lambda: widget.on_msg(handle, remove=True)

    solara.use_effect(listen, [])
    return element
