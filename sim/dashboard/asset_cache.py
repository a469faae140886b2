"""A small service worker that keeps the page's large scripts, compiled, in the browser's Cache Storage.

Nearly half of a tab's time was the browser compiling JavaScript: Solara's front end (2.2 MB),
plotly.js (1.5 MB), jupyter-vue and jupyter-vuetify (0.5 MB). A normal browser profile keeps the
compiled code with its HTTP cache, but a private window (and Playwright's default context, which
the load benchmark uses) keeps none, so every tab compiled it all again. Chromium keeps compiled
code for a script that a service worker answers from Cache Storage, which lives in the window's
own storage, private or not: the first page that runs the script from there leaves its code with
the entry, and every later page reuses it.

So the page registers `/brink-sw.js` (scope: the whole dashboard) once it has loaded. On
activation the worker copies those scripts into its cache and from then on answers exactly their
addresses. Those whose address names their version (Solara's `/_solara/cdn/<package>@<version>/`,
its `?v=<content hash>` files, plotly.js's cartesian bundle) are answered from the cache;
jupyter-vue's and jupyter-vuetify's, whose address has no version, from the cache only while the
server answers "not modified" to the cached copy's ETag (a request of a few hundred bytes), so a
new version is never missed. Every other request, the page itself and the websocket included,
goes to the server without waking the worker (Chromium's static routes; other browsers pass it
through the worker's fetch handler). A new Solara or plotly gives new addresses: the worker's
text, derived from the list, then differs, so the browser installs it anew and it deletes the old
cache; a page an older worker still controls asks the server for any address not in that
worker's list. Nothing leaves the dashboard's own server. Browsers give service workers only to
secure contexts (https, localhost, 127.0.0.1): elsewhere (a classroom `--host` on plain http) the
page simply loads as before.

Filling the cache while the worker installs would be simpler, but Chromium compiles what is put
then eagerly, every function (7.8 MB of code for the two large scripts against 3.8 MB that the
page leaves), and in a normal browser profile that made ten tabs slower than without a worker.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys

import anywidget
import solara
import traitlets

from sim.dashboard.plotly_widget import CARTESIAN_URL

WORKER_PATH = "/brink-sw.js"
CACHE_PREFIX = "brink-assets-"
SCRIPT_SRC = re.compile(r'<script[^>]*\ssrc="([^"]+)"')
REQUIRED = re.compile(r"'(nbextensions/[\w./-]+/nodeps)'")
VERSIONED = re.compile(r"@\d[^/]*/|[?&]v=[0-9a-f]{8,}")  # a package's version in the path, a content hash

WORKER_JS = r"""
const CACHE = %(cache)s;
const KEPT = %(kept)s;  // addresses that name their version: from the cache once there
const CHECKED = %(checked)s;  // addresses without a version: from the cache while the server says unchanged
const href = (a) => new URL(a, self.location).href;
const kept = new Set(KEPT.map(href));
const checked = new Set(CHECKED.map(href));

function pattern(address) {
  // exactly this path and query (URLPattern's own syntax characters escaped)
  const url = new URL(address, self.location);
  const exact = (s) => s.replace(/[\\:*?+(){}]/g, '\\$&');
  return { urlPattern: new URLPattern({ pathname: exact(url.pathname), search: exact(url.search.slice(1)) }) };
}

self.addEventListener('install', (event) => {
  // every other request (the page, its styles, the websocket) goes to the server without
  // waking this worker, where the browser knows static routes
  if (event.addRoutes && self.URLPattern) {
    try {
      const mine = [...KEPT, ...CHECKED].map(pattern);
      event.waitUntil(event.addRoutes([{ condition: { not: { or: mine } }, source: 'network' }]).catch(() => null));
    } catch (e) { /* older browsers: the fetch handler lets them through */ }
  }
  self.skipWaiting();
});
self.addEventListener('activate', (event) => {
  // filled now, not while installing (see asset_cache.py)
  const old = caches.keys().then((names) => Promise.all(
    names.filter((n) => n.startsWith(%(prefix)s) && n !== CACHE).map((n) => caches.delete(n))));
  const copy = (cache, a) => fetch(a, { credentials: 'same-origin' }).then((r) => (r.ok ? cache.put(a, r) : null));
  const fill = caches.open(CACHE).then((cache) => Promise.all([...KEPT, ...CHECKED].map((a) =>
    cache.match(a).then((hit) => hit || copy(cache, a)))));
  event.waitUntil(Promise.all([old, fill]).catch(() => null));
});

async function fromCache(request, check) {
  // the very response from the cache, so that the browser finds the code compiled from it
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit && !check) { return hit; }
  const tag = hit && hit.headers.get('etag');
  const fresh = await fetch(request.url, {
    cache: 'no-store', credentials: 'same-origin', headers: tag ? { 'If-None-Match': tag } : {},
  });
  if (fresh.status === 304 && hit) { return hit; }
  if (fresh.ok) { await cache.put(request, fresh.clone()); }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') { return; }
  if (kept.has(request.url)) { event.respondWith(fromCache(request, false)); }
  else if (checked.has(request.url)) { event.respondWith(fromCache(request, true)); }
});
"""

REGISTER_ESM = """
function render({ model }) {
  if (window.__brinkWorker || !('serviceWorker' in navigator)) { return; }
  window.__brinkWorker = true;
  const root = (window.solara && window.solara.rootPath) || '';
  const register = () => navigator.serviceWorker
    .register(root + model.get('path'), { scope: root + '/' })
    .catch(() => null);  // e.g. storage disabled: the page works as before
  if (document.readyState === 'complete') { setTimeout(register, 0); }
  else { window.addEventListener('load', register, { once: true }); }
}
export default { render };
"""

_workers: dict[str, str] = {}


def page_scripts(root_path: str) -> tuple[list[str], list[str]]:
    """Solara's page's same-origin scripts, as its HTML names them: those whose address names
    their version, and those without one (jupyter-vue's and jupyter-vuetify's, loaded by require.js)."""
    from solara.server import server

    html = server.read_root("/", root_path=root_path) or ""
    scripts = [src for src in SCRIPT_SRC.findall(html) if src.startswith(f"{root_path}/") and not src.startswith("//")]
    kept = [src for src in scripts if VERSIONED.search(src)]
    checked = [f"{root_path}/jupyter/{name}.js" for name in dict.fromkeys(REQUIRED.findall(html))]
    return kept, checked


def worker_script(root_path: str = "") -> str:
    """The service worker's text: its cache's name is a hash of the addresses it serves."""
    if root_path not in _workers:
        kept, checked = page_scripts(root_path)
        kept = list(dict.fromkeys([*kept, root_path + CARTESIAN_URL]))
        digest = hashlib.sha256("\n".join([*kept, "", *checked]).encode()).hexdigest()[:16]
        _workers[root_path] = WORKER_JS % {
            "cache": json.dumps(CACHE_PREFIX + digest),
            "kept": json.dumps(kept),
            "checked": json.dumps(checked),
            "prefix": json.dumps(CACHE_PREFIX),
        }
    return _workers[root_path]


async def _worker(request):
    from starlette.responses import Response

    root_path = request.scope.get("route_root_path", request.scope.get("root_path", "")).rstrip("/")
    return Response(
        worker_script(root_path),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache"},
    )


def install_route() -> None:
    """Serve the worker from the dashboard's server, ahead of Solara's catch-all page routes."""
    starlette_server = sys.modules.get("solara.server.starlette")
    if starlette_server is None:  # not running under `solara run` (tests, notebooks)
        return
    from starlette.routing import Route

    routes = starlette_server.app.router.routes
    if not any(getattr(r, "path", None) == WORKER_PATH for r in routes):
        routes.insert(0, Route(WORKER_PATH, endpoint=_worker))


class AssetCacheWidget(anywidget.AnyWidget):
    _esm = REGISTER_ESM
    path = traitlets.Unicode(WORKER_PATH).tag(sync=True)


@solara.component
def AssetCache():
    """Registers the service worker once the page has loaded (nothing to see)."""
    return AssetCacheWidget.element()
