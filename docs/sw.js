// The guide's service worker: a room of phones loads the Python runtime once, and a device
// that visited (or was prepared on the trainer's page) keeps working without a network.
//
// * Runtime files live under versioned paths (assets/pyodide/<version>/, assets/calculators/
//   <digest>/): once cached they never change, so they are served from the cache first.
//   offline.js keeps them, once the runtime is up; this worker only reads them.
// * Everything else is fetched from the network first, so readers always get the latest
//   pages; the cached copy answers only when the network does not.
// What goes where is declared once, with offline.js (which fills the same caches ahead of
// time): assets/js/offline-rules.js. So this is a module worker (offline.js registers it so).
import { PAGES_CACHE as PAGES, RUNTIME_CACHE as RUNTIME, VERSIONED_PREFIXES, isVersioned } from "./assets/js/offline-rules.js";

// Static routes (Chrome and Edge 123+): the browser reads the runtime's 13 MB from the runtime
// cache itself, or from the network when they are not kept yet, without starting this worker
// to pass them on. Other browsers take the same files through cacheFirst below.
function runtimeRoutes() {
  return VERSIONED_PREFIXES.map((prefix) => ({
    condition: { urlPattern: new URLPattern({ pathname: `${new URL(prefix, location.href).pathname}*` }), requestMethod: "GET" },
    source: { cacheName: RUNTIME },
  }));
}

self.addEventListener("install", (event) => {
  if (event.addRoutes) event.waitUntil(event.addRoutes(runtimeRoutes()).catch(() => {})); // without them: cacheFirst
  self.skipWaiting();
});

// Navigation preload: a page's request leaves while this worker starts, not after.
self.addEventListener("activate", (event) => event.waitUntil(Promise.all([
  self.clients.claim(),
  self.registration.navigationPreload?.enable(),
])));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin || !url.pathname.startsWith(new URL("./", location.href).pathname)) return;
  // A page fetched by instant navigation goes straight to the network: a detour through this
  // worker costs the reader tens of ms on every click. Offline, a kept copy answers, so that
  // Python stays up from page to page; without one the fetch fails and Material loads the page
  // in full, a navigation answered below (by the "not saved on this device" page).
  if (request.mode !== "navigate" && request.destination === "" && url.pathname.endsWith("/")) {
    if (!self.navigator.onLine) event.respondWith(keptOrNetwork(request));
    return;
  }
  if (request.method !== "GET") return;
  if (isVersioned(url)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(event));
});

// A runtime file not kept yet comes from the network (usually the browser's HTTP cache) and is
// not copied here on the way: that copy would compete with Python's start for the reader's
// processor. offline.js keeps the runtime a few seconds after it is up.
async function cacheFirst(request) {
  return (await caches.match(request.url, { cacheName: RUNTIME })) || fetch(request);
}

async function keptOrNetwork(request) {
  return (await caches.match(request, { cacheName: PAGES, ignoreSearch: true })) || fetch(request);
}

// The answer goes to the page at once; its copy for offline use is written after, and the
// worker is kept alive until it is (waitUntil).
async function networkFirst(event) {
  const request = event.request;
  try {
    const preloaded = request.mode === "navigate" ? await event.preloadResponse : null;
    const response = preloaded || await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      event.waitUntil(caches.open(PAGES).then((cache) => cache.put(request, copy)));
    }
    return response;
  } catch (error) {
    // A page opened from a link carries the scenario in its query; the page is the same.
    const cached = await caches.match(request, { cacheName: PAGES, ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    const fallback = request.mode === "navigate" && await notKeptPage(new URL(request.url));
    if (fallback) return fallback;
    if (new URL(request.url).pathname.endsWith("/sitemap.xml")) return emptySitemap();
    throw error;
  }
}

// Material asks for sitemap.xml beside each of a page's alternates, where the build writes an
// empty one (sitebuild/hooks.py). Offline, one not kept is answered the same way, not with a
// failed request per language on every page.
function emptySitemap() {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n';
  return new Response(body, { headers: { "Content-Type": "application/xml" } });
}

// The "not saved on this device" page (the build's OFFLINE_PAGE, sitebuild/workshop.py; offline.js
// keeps every language's with the runtime) of the language whose folder the address starts
// with (/ko/… → ko/offline.html), else the default language's, at the site's root: offline, the
// reader is told so in their language, not shown the browser's error.
async function notKeptPage(url) {
  const scope = new URL("./", location.href);
  const first = url.pathname.slice(scope.pathname.length).split("/")[0];
  for (const folder of first ? [`${first}/`, ""] : [""]) {
    const page = await caches.match(new URL(`${folder}offline.html`, scope).href, { cacheName: PAGES });
    if (page) return page;
  }
  return null;
}
