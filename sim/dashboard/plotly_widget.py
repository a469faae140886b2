"""Plotly figures in the page that fill their column, and update cheaply.

`solara.FigurePlotly` builds plotly's anywidget before it is attached to the page, so plotly
sizes it at its 700 px default and it never follows its column. Here the widget is created
with plotly's `responsive` config, and one small Vue component (`FitCharts`, served by the
app itself, no CDN) resizes a chart whenever its drawing and its column disagree, and
unhooks the charts of closed widgets from window resizes.
"""

from __future__ import annotations

import ipyvuetify as v
import solara
import traitlets
from plotly.graph_objs import FigureWidget

FIT_SCRIPT = """
<template><span class="brink-fit-charts" style="display:none"></span></template>
<script>
module.exports = {
  mounted() {
    let pending = null;
    const seen = new Set();
    const check = () => {
      pending = null;
      document.querySelectorAll('.brink-chart .js-plotly-plot').forEach((gd) => seen.add(gd));
      seen.forEach((gd) => {
        const handler = gd._responsiveChartHandler;
        if (!document.body.contains(gd)) {
          // a closed widget: plotly never purges it, so drop its window resize listener
          if (handler) { window.removeEventListener('resize', handler); }
          seen.delete(gd);
          return;
        }
        const box = gd.closest('.brink-chart');
        const svg = gd.querySelector('.main-svg');
        const off = svg && box.clientWidth > 0 && Math.abs(svg.getBoundingClientRect().width - box.clientWidth) > 4;
        if (handler && off) { handler(); }
      });
    };
    const schedule = () => { if (!pending) { pending = setTimeout(check, 200); } };
    this.observer = new MutationObserver(schedule);
    this.observer.observe(document.body, {childList: true, subtree: true});
    schedule();
  },
  destroyed() { if (this.observer) { this.observer.disconnect(); } },
};
</script>
"""


class FitCharts(v.VuetifyTemplate):
    """Invisible: keeps every `.brink-chart` plot as wide as its column."""

    template = traitlets.Unicode(FIT_SCRIPT).tag(sync=True)


class ResponsiveFigureWidget(FigureWidget):
    """plotly's FigureWidget, created with the `responsive` config (it takes no config argument)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._config = {"responsive": True, "displaylogo": False}


@solara.component
def Figure(fig):
    """Like `solara.FigurePlotly`, with plotly's responsive config (see the module docstring)."""
    element = ResponsiveFigureWidget.element()

    def update() -> None:
        widget: ResponsiveFigureWidget = solara.get_widget(element)
        widget.layout = fig.layout
        old = len(widget.data)
        widget.add_traces(fig.data)
        widget.data = widget.data[old:]

    solara.use_effect(update, [fig])
    return element
