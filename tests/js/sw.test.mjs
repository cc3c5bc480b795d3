// The service worker (docs/sw.js) under Node, in a scope of its own (a site at /guide/): which
// requests it routes where, what it keeps and what it leaves to offline.js. The browser tests
// (tests/browser/test_workshop.py) check the same worker working offline in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";

const SCOPE = "https://guide.test/guide/";
const handlers = {};
const kept = { "cv-runtime": new Map(), "cv-pages": new Map() }; // cache name → url → response
const copied = []; // [cache name, url] of every put
const fetched = []; // urls the worker fetched itself
const preload = { enabled: false };

// Just enough of a service worker's global scope for docs/sw.js.
globalThis.self = globalThis;
globalThis.addEventListener = (type, handler) => { handlers[type] = handler; };
globalThis.skipWaiting = () => {};
globalThis.clients = { claim: async () => {} };
globalThis.registration = { navigationPreload: { enable: async () => { preload.enabled = true; } } };
Object.defineProperty(globalThis, "location", { value: new URL("sw.js", SCOPE), configurable: true });
const connection = { onLine: true }; // the worker's navigator, which says whether the device is online
Object.defineProperty(globalThis, "navigator", { value: connection, configurable: true });
// Node 20 has no URLPattern: this one keeps what it was built from (the browser matches).
globalThis.URLPattern = class { constructor(init) { this.init = init; } };
globalThis.caches = {
  match: async (url, { cacheName }) => kept[cacheName].get(String(url)),
  open: async (name) => ({ put: async (request, response) => { copied.push([name, request.url ?? request]); kept[name].set(request.url ?? request, response); } }),
};
// A same-origin answer, as the network gives it (a Response made by script has type "default").
const basic = (body) => Object.defineProperty(new Response(body), "type", { value: "basic" });
globalThis.fetch = async (request) => {
  fetched.push(request.url);
  return basic(`network: ${request.url}`);
};

await import("../../docs/sw.js");

function fetchEvent(url, { mode = "no-cors", destination = "script", preloaded } = {}) {
  const event = {
    request: { url, mode, destination, method: "GET" },
    preloadResponse: Promise.resolve(preloaded),
    kept: [], // what the worker is kept alive for
    respondWith(answer) { this.answer = answer; },
    waitUntil(promise) { this.kept.push(promise); },
  };
  // A Request of mode "navigate" cannot be built by script; a plain object stands in for it.
  Object.defineProperty(event.request, "clone", { value: () => event.request });
  handlers.fetch(event);
  return event;
}

test("install routes the runtime's versioned folders to the runtime cache, past the worker", async () => {
  let rules = null;
  let waited = null;
  handlers.install({ addRoutes: async (given) => { rules = given; }, waitUntil: (promise) => { waited = promise; } });
  await waited;
  assert.deepEqual(rules.map((rule) => [rule.condition.urlPattern.init.pathname, rule.condition.requestMethod, rule.source]), [
    ["/guide/assets/pyodide/*", "GET", { cacheName: "cv-runtime" }],
    ["/guide/assets/calculators/*", "GET", { cacheName: "cv-runtime" }],
  ]);
});

test("a browser without static routes installs all the same", () => {
  assert.doesNotThrow(() => handlers.install({ waitUntil: () => {} }));
});

test("activate turns navigation preload on", async () => {
  let waited = null;
  handlers.activate({ waitUntil: (promise) => { waited = promise; } });
  await waited;
  assert.equal(preload.enabled, true);
});

test("a runtime file not kept yet comes from the network and is not copied on the way", async () => {
  const url = `${SCOPE}assets/pyodide/314.0.7-abcdef123456/pyodide.asm.wasm`;
  copied.length = 0;
  const response = await fetchEvent(url).answer;
  assert.equal(await response.text(), `network: ${url}`);
  assert.deepEqual(copied, []);
});

test("a kept runtime file comes from the runtime cache without a request", async () => {
  const url = `${SCOPE}assets/calculators/0123456789ab/calculators-0.1.0-py3-none-any.whl`;
  kept["cv-runtime"].set(url, new Response("kept wheel"));
  fetched.length = 0;
  assert.equal(await (await fetchEvent(url).answer).text(), "kept wheel");
  assert.deepEqual(fetched, []);
});

test("a page's navigation takes the preloaded answer and keeps a copy for offline use", async () => {
  const url = `${SCOPE}de/calculators/value/`;
  fetched.length = 0;
  copied.length = 0;
  const event = fetchEvent(url, { mode: "navigate", destination: "document", preloaded: basic("preloaded page") });
  assert.equal(await (await event.answer).text(), "preloaded page");
  assert.deepEqual(fetched, []);
  assert.equal(event.kept.length, 1); // the copy is written after the answer, the worker kept alive till then
  await Promise.all(event.kept);
  assert.deepEqual(copied, [["cv-pages", url]]);
  assert.equal(await kept["cv-pages"].get(url).text(), "preloaded page");
});

// Runs ``check`` with the network gone: every fetch fails, and the worker's navigator says
// whether the device knows it (``onLine``).
async function offline(check, { onLine = true } = {}) {
  const network = globalThis.fetch;
  globalThis.fetch = async () => { throw new TypeError("offline"); };
  connection.onLine = onLine;
  try {
    await check();
  } finally {
    globalThis.fetch = network;
    connection.onLine = true;
  }
}

test("offline, a page opened from a trainer's link is answered from the kept page", async () => {
  const url = `${SCOPE}calculators/competition/`;
  kept["cv-pages"].set(url, new Response("kept page"));
  globalThis.caches.match = async (request, { cacheName, ignoreSearch }) =>
    kept[cacheName].get(ignoreSearch ? String(request.url ?? request).split("?")[0] : String(request.url ?? request));
  await offline(async () => {
    const event = fetchEvent(`${url}?v=1&cost=4`, { mode: "navigate", destination: "document" });
    assert.equal(await (await event.answer).text(), "kept page");
  });
});

test("an instant navigation's page request and other sites are left to the network", () => {
  assert.equal(fetchEvent(`${SCOPE}calculators/value/`, { mode: "cors", destination: "" }).answer, undefined);
  assert.equal(fetchEvent("https://elsewhere.test/guide/x.js").answer, undefined);
});

test("offline, an instant navigation to a kept page is answered from it, so Python stays up", async () => {
  const url = `${SCOPE}calculators/lifetime-value/`;
  kept["cv-pages"].set(url, new Response("kept lifetime page"));
  await offline(async () => {
    const event = fetchEvent(`${url}?v=1&average_check=30`, { mode: "cors", destination: "" });
    assert.equal(await (await event.answer).text(), "kept lifetime page");
    // A page not kept: the fetch fails as it would without this worker, and Material then
    // loads the page in full (a navigation, answered by the "not saved" page).
    await assert.rejects(fetchEvent(`${SCOPE}innovation/`, { mode: "cors", destination: "" }).answer, TypeError);
  }, { onLine: false });
});

test("offline, Material's sitemap probe beside a page is answered with an empty sitemap", async () => {
  await offline(async () => {
    const answer = await fetchEvent(`${SCOPE}ko/calculators/value/sitemap.xml`, { mode: "cors", destination: "" }).answer;
    assert.match(await answer.text(), /^<\?xml[^>]*>\s*<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9"><\/urlset>\s*$/);
  });
});
