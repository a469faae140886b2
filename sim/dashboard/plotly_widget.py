"""Plotly charts in the page: plotly.js fetched once as a cached static file, figures as JSON.

plotly's own `FigureWidget` is an anywidget whose module *is* the 5 MB plotly.js bundle, sent
over the websocket for every chart (36 MB for one page of seven charts). Here the widget's
module is a few lines of JavaScript: the first chart of a page adds one `<script>` tag for
plotly.js, served by the dashboard's own server under `/static/assets/` (no CDN, cached by the
browser), and every chart then receives only its figure as JSON. The chart fills its box and
follows it (a ResizeObserver), keeps the user's zoom across updates (`uirevision`), is drawn
only once it is near the window, and reports clicks on points back to Python.

Which plotly.js: the browser spends most of a first page's time running the script (about
1.4 s for the full 4.8 MB bundle on a busy 2-core machine, 0.55 s for the 1.5 MB cartesian
one). Every dashboard chart is a scatter, bar or heatmap, so the page loads the cartesian
bundle shipped as `sim.dashboard.assets` (`vendor/plotly/` in the source tree; plotly.js's
`plotly.js-cartesian-dist-min`, MIT) when it is the same plotly.js version as the installed
plotly package; a figure with another trace type, or
another plotly version, gets the installed package's full bundle instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import anywidget
import plotly
import plotly.graph_objects as go
import solara
import solara.server.settings
import traitlets
from plotly.offline import get_plotlyjs_version

PLOTLY_DIR = Path(plotly.__file__).parent / "package_data"
ASSETS_DIR = Path(str(resources.files("sim.dashboard.assets")))  # vendor/plotly in the source tree
FULL_URL = f"/static/assets/plotly.min.js?v={plotly.__version__}"
CARTESIAN_VERSION = "4.1.1"
CARTESIAN_URL = f"/static/assets/plotly-cartesian-{CARTESIAN_VERSION}.min.js"
# the trace types of the cartesian bundle (Plotly.PlotSchema.get().traces)
CARTESIAN_TRACES = frozenset(
    {"bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie"}
    | {"scatter", "scatterternary", "violin"}
)

# Solara serves /static/assets/ from its asset directories, read again on every request, so
# adding these folders makes each plotly.js bundle one static, cacheable file.
for folder in (ASSETS_DIR, PLOTLY_DIR):
    if str(folder) not in solara.server.settings.assets.extra_locations:
        solara.server.settings.assets.extra_locations.append(str(folder))

ESM = """
// One <script> per bundle and page. Bundles load one after the other, and each keeps its own
// Plotly object: a chart is drawn by the bundle it asked for, whatever loaded after it.
function loadPlotly(src) {
  const loaded = window.__brinkPlotly = window.__brinkPlotly || {};
  if (!loaded[src]) {
    const before = window.__brinkPlotlyQueue || Promise.resolve();
    loaded[src] = before.then(() => new Promise((resolve, reject) => {
      const keep = window.Plotly;
      const s = document.createElement('script');
      s.src = ((window.solara && window.solara.rootPath) || '') + src;
      s.onload = () => {
        const P = window.Plotly;
        if (keep) { window.Plotly = keep; }
        resolve(P);
      };
      s.onerror = () => { delete loaded[src]; reject(new Error('cannot load ' + s.src)); };
      document.head.appendChild(s);
    }));
    window.__brinkPlotlyQueue = loaded[src].catch(() => null);
  }
  return loaded[src];
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
  // a chart not drawn yet keeps its figure's height, so the page does not jump when it is
  const height = ((model.get('figure') || {}).layout || {}).height;
  if (height) { gd.style.minHeight = height + 'px'; }
  el.appendChild(gd);
  let Plotly = null, alive = true, drawn = false, near = false, dirty = true;
  const draw = () => {
    // charts outside the window wait until they are scrolled near: a page opens with only
    // what is in view drawn, and a playing run redraws only what is watched
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
  loadPlotly(model.get('script')).then((P) => { Plotly = P; draw(); }).catch((e) => {
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
  }, { rootMargin: '200px 0px' });
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
"""

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
    script = traitlets.Unicode(FULL_URL).tag(sync=True)  # the plotly.js bundle that draws it


def figure_json(fig: go.Figure) -> dict:
    """The figure as plain JSON (plotly encodes numeric arrays compactly as base64)."""
    return json.loads(fig.to_json())


def bundle_url(figure: dict) -> str:
    """The smallest plotly.js bundle that draws `figure` (JSON) as the installed plotly would."""
    types = {trace.get("type", "scatter") for trace in figure.get("data", ())}
    if get_plotlyjs_version() == CARTESIAN_VERSION and types <= CARTESIAN_TRACES:
        return CARTESIAN_URL
    return FULL_URL


@solara.component
def Figure(fig: go.Figure, on_click: Callable[[dict], None] | None = None, classes: list[str] | None = None):
    """A plotly figure in the page; `on_click` gets the clicked point (text, customdata, x, y).

    `classes` go on the chart's own element: no wrapping box (one widget fewer per chart)."""
    data = solara.use_memo(lambda: figure_json(fig), [fig])
    element = PlotlyChart.element(figure=data, script=bundle_url(data), _dom_classes=classes or [])

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
