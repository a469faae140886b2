"""Plotly charts in the page: plotly.js fetched once as a cached static file, figures as JSON.

plotly's own `FigureWidget` is an anywidget whose module *is* the 5 MB plotly.js bundle, sent
over the websocket for every chart (36 MB for one page of seven charts). Here the widget's
module is a few lines of JavaScript: the first chart of a page adds one `<script>` tag for
plotly.js, served by the dashboard's own server from the installed plotly package under
`/static/assets/` (no CDN, cached by the browser), and every chart then receives only its
figure as JSON. The chart fills its box and follows it (a ResizeObserver), keeps the user's
zoom across updates (`uirevision`), is drawn only once it is near the window, and reports
clicks on points back to Python.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import anywidget
import plotly
import plotly.graph_objects as go
import solara
import solara.server.settings
import traitlets

PLOTLY_DIR = Path(plotly.__file__).parent / "package_data"
PLOTLY_URL = f"/static/assets/plotly.min.js?v={plotly.__version__}"

# Solara serves /static/assets/ from its asset directories, read again on every request,
# so adding plotly's package folder here makes plotly.min.js one static, cacheable file.
if str(PLOTLY_DIR) not in solara.server.settings.assets.extra_locations:
    solara.server.settings.assets.extra_locations.append(str(PLOTLY_DIR))

ESM = """
function loadPlotly() {
  if (window.Plotly) { return Promise.resolve(window.Plotly); }
  if (!window.__brinkPlotly) {
    window.__brinkPlotly = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      const root = (window.solara && window.solara.rootPath) || '';
      s.src = root + PLOTLY_URL;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => { window.__brinkPlotly = null; reject(new Error('cannot load ' + s.src)); };
      document.head.appendChild(s);
    });
  }
  return window.__brinkPlotly;
}

// A marker of the last trace under the mouse wins over a line passing through it (in the
// network, alliance ties end at the states' centres, and plotly would report the tie).
function markerUnder(gd, e) {
  if (!e || !gd.data || !gd.data.length) { return null; }
  const traces = gd.querySelectorAll('.scatterlayer .trace');
  const last = traces[traces.length - 1];
  const data = gd.data[gd.data.length - 1];
  if (!last || !data.text || typeof data.text === 'string') { return null; }
  let found = null;
  last.querySelectorAll('.point').forEach((node, i) => {
    const r = node.getBoundingClientRect();
    if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
      found = { text: data.text[i], curveNumber: gd.data.length - 1, pointIndex: i };
    }
  });
  return found;
}

function render({ model, el }) {
  const gd = document.createElement('div');
  gd.style.width = '100%';
  el.appendChild(gd);
  let Plotly = null, alive = true, drawn = false, near = false, dirty = true;
  const draw = () => {
    // charts far outside the window wait until they are scrolled near: a page opens with
    // only what is in view drawn, and a playing run redraws only what is watched
    if (!near) { dirty = true; return; }
    if (!Plotly || !alive) { return; }
    dirty = false;
    const fig = model.get('figure') || {};
    // fill the box, unless the figure asks for a width (a large trust matrix scrolls instead)
    const layout = Object.assign({}, fig.layout || {});
    if (!layout.width) { layout.autosize = true; }
    Plotly.react(gd, fig.data || [], layout, model.get('config') || {}).then(() => {
      if (!drawn) {
        drawn = true;
        gd.on('plotly_click', (ev) => {
          const p = markerUnder(gd, ev.event) || (ev.points && ev.points[0]);
          if (!p) { return; }
          model.send({ event: 'click', text: p.text === undefined ? null : String(p.text),
                       customdata: p.customdata === undefined ? null : p.customdata,
                       curve: p.curveNumber, index: p.pointIndex === undefined ? null : p.pointIndex,
                       x: p.x === undefined ? null : p.x, y: p.y === undefined ? null : p.y });
        });
      }
    });
  };
  loadPlotly().then((P) => { Plotly = P; draw(); }).catch((e) => {
    gd.textContent = 'The chart library did not load: ' + e.message;
  });
  model.on('change:figure', draw);
  let pending = null;
  const observer = new ResizeObserver(() => {
    if (pending || !Plotly) { return; }
    pending = requestAnimationFrame(() => {
      pending = null;
      if (alive && drawn && gd.offsetParent !== null) { Plotly.Plots.resize(gd); }
    });
  });
  observer.observe(el);
  const sight = new IntersectionObserver((entries) => {
    near = entries.some((e) => e.isIntersecting);
    if (near && dirty) { draw(); }
  }, { rootMargin: '600px' });
  sight.observe(el);
  return () => {
    alive = false;
    observer.disconnect();
    sight.disconnect();
    model.off('change:figure', draw);
    if (Plotly) { Plotly.purge(gd); }
  };
}
export default { render };
""".replace("PLOTLY_URL", json.dumps(PLOTLY_URL))

CONFIG = {
    "responsive": True,
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


class PlotlyChart(anywidget.AnyWidget):
    """One chart: its figure as plotly JSON (numbers as typed arrays), drawn by the page's plotly.js."""

    _esm = ESM
    figure = traitlets.Dict().tag(sync=True)
    config = traitlets.Dict(CONFIG).tag(sync=True)


def figure_json(fig: go.Figure) -> dict:
    """The figure as plain JSON (plotly encodes numeric arrays compactly as base64)."""
    return json.loads(fig.to_json())


@solara.component
def Figure(fig: go.Figure, on_click: Callable[[dict], None] | None = None):
    """A plotly figure in the page; `on_click` gets the clicked point (text, customdata, x, y)."""
    data = solara.use_memo(lambda: figure_json(fig), [fig])
    element = PlotlyChart.element(figure=data)

    def listen():
        if on_click is None:
            return None
        widget = solara.get_widget(element)

        def handle(_widget, content, _buffers):
            if isinstance(content, dict) and content.get("event") == "click":
                on_click(content)

        widget.on_msg(handle)
        return lambda: widget.on_msg(handle, remove=True)

    solara.use_effect(listen, [on_click])
    return element
