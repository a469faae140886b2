"""The browser window's width, reported once when the page opens (an invisible widget).

The server cannot know the screen size, and the control panel should start folded away on a
phone so the run is what a student sees first.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import solara

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


@solara.component
def Viewport(on_width: Callable[[int], None]):
    element = ViewportProbe.element()

    def listen():
        widget = solara.get_widget(element)

        def handle(_widget, content, _buffers):
            if isinstance(content, dict) and isinstance(content.get("width"), int | float):
                on_width(int(content["width"]))

        widget.on_msg(handle)
        return lambda: widget.on_msg(handle, remove=True)

    solara.use_effect(listen, [])
    return element
