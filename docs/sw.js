// The guide's service worker: a room of phones loads the Python runtime once, and a device
// that visited (or was prepared on the trainer's page) keeps working without a network.
//
// * Runtime files live under versioned paths (assets/pyodide/<version>/, assets/calculators/
//   <digest>/): once cached they never change, so they are served from the cache first.
// * Everything else is fetched from the network first, so readers always get the latest
//   pages; the cached copy answers only when the network does not.
// What goes where is declared once, with offline.js (which fills the same caches ahead of
// time): assets/js/offline-rules.js. So this is a module worker (offline.js registers it so).
import { PAGES_CACHE as PAGES, RUNTIME_CACHE as RUNTIME, isVersioned } from "./assets/js/offline-rules.js";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin || !url.pathname.startsWith(new URL("./", location.href).pathname)) return;
  // A page fetched by instant navigation goes straight to the network: a detour through this
  // worker costs the reader tens of ms on every click. Offline, the fetch fails and Material
  // loads the page in full, a navigation that is answered from the cache below.
  if (request.mode !== "navigate" && request.destination === "" && url.pathname.endsWith("/")) return;
  if (request.method === "HEAD" && isVersioned(url)) {
    event.respondWith(headFromCache(request));
  } else if (request.method === "GET" && isVersioned(url)) {
    event.respondWith(cacheFirst(request));
  } else if (request.method === "GET") {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cached = await caches.match(request.url, { cacheName: RUNTIME });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(RUNTIME)).put(request.url, response.clone());
  return response;
}

// The worker asks whether the wasm file is there before loading it (calculator-worker.js).
async function headFromCache(request) {
  const cached = await caches.match(request.url, { cacheName: RUNTIME });
  if (cached) return new Response(null, { status: 200, headers: cached.headers });
  return fetch(request);
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") (await caches.open(PAGES)).put(request, response.clone());
    return response;
  } catch (error) {
    // A page opened from a link carries the scenario in its query; the page is the same.
    const cached = await caches.match(request, { cacheName: PAGES, ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    throw error;
  }
}
