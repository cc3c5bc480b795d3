// Keeping the calculators for offline use: registers the service worker (docs/sw.js), keeps
// what a calculator page needs once it has been visited, and runs the trainer's "prepare this
// device" button, which saves every calculator and workshop page of the language ahead of a
// session. What is kept where is shared with sw.js: offline-rules.js.
import { fill } from "./format.js";
import { PAGES_CACHE as PAGES, RUNTIME_CACHE as RUNTIME, isVersioned } from "./offline-rules.js";
import { onRuntimeEvent, runtimeState } from "./runtime.js";

const SITE_ROOT = new URL("../../", import.meta.url);
const MANIFEST = new URL("offline.json", SITE_ROOT);
const supported = "serviceWorker" in navigator && "caches" in window && window.isSecureContext;

async function manifest() {
  const response = await fetch(MANIFEST, { cache: "no-cache" });
  if (!response.ok) throw new Error(`offline.json: HTTP ${response.status}`);
  return response.json();
}

// Files under versioned paths go to the runtime cache, all else to the pages cache. A runtime
// file already kept is never fetched again (its name changes with its content); with
// ``refresh`` the other files are fetched anew, else a kept copy is left alone.
async function keep(files, { refresh = false, onProgress = () => {} } = {}) {
  const [runtime, pages] = await Promise.all([caches.open(RUNTIME), caches.open(PAGES)]);
  let done = 0;
  const queue = [...files];
  const next = async () => {
    while (queue.length) {
      const url = new URL(queue.shift(), SITE_ROOT).href;
      const versioned = isVersioned(url);
      const cache = versioned ? runtime : pages;
      if ((versioned || !refresh) && await cache.match(url)) {
        onProgress(++done, files.length);
        continue;
      }
      // Kept after a visit, the files come from the browser's HTTP cache (no new download);
      // preparing a device asks the server again, so that the kept copies are current.
      const response = await fetch(url, { cache: refresh && !versioned ? "no-cache" : "force-cache" });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, response);
      onProgress(++done, files.length);
    }
  };
  await Promise.all([next(), next(), next(), next()]); // a few at a time: kind to a shared Wi-Fi
}

async function dropOldRuntime(current) {
  const cache = await caches.open(RUNTIME);
  const wanted = new Set(current.map((file) => new URL(file, SITE_ROOT).href));
  for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
}

function pageFiles(list, lang) {
  return list.pages[lang] || list.pages.en;
}

// After a visit to a calculator page: the page, its assets and the runtime stay available.
// This waits until the runtime is up and a little longer, so that it never competes with the
// page's own downloads or the reader's first edits. The runtime and the assets are kept once
// per visit and come from the browser's HTTP cache ("force-cache"), not from the network
// again; every calculator page the reader opens (by instant navigation too) is kept as well,
// asked for with a conditional request so that a copy kept on an earlier visit is replaced.
const KEEP_AFTER_READY_MS = 3000;
let runtimeKept = null;
function runtimeReady() {
  if (runtimeState() === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const stop = onRuntimeEvent((event) => {
      if (event.type === "ready") { stop(); resolve(); }
    });
  });
}

// With the runtime: what navigating offline needs (list.navigation), each language's "not
// saved on this device" page, which sw.js shows for a page this device has not kept, and its
// sitemap, without which Material loads every page in full (and Python starts again).
async function keepRuntime() {
  const list = await manifest();
  await keep([...list.runtime, ...list.assets, ...list.navigation]);
  await dropOldRuntime(list.runtime);
}

async function keepThisCalculatorPage() {
  if (!document.querySelector("[data-calculator]")) return;
  const page = location.pathname.replace(new URL(".", SITE_ROOT).pathname, "");
  await runtimeReady();
  await new Promise((resolve) => setTimeout(resolve, KEEP_AFTER_READY_MS));
  runtimeKept ??= keepRuntime().catch((error) => { runtimeKept = null; throw error; });
  await runtimeKept;
  await keep([page], { refresh: true });
  document.documentElement.dataset.offlineReady = "";
}

async function prepareDevice(box) {
  const words = JSON.parse(box.dataset.words);
  const status = box.querySelector(".cv-prepare-status");
  const button = box.querySelector("button");
  if (!supported) {
    status.textContent = words.unsupported;
    return;
  }
  button.disabled = true;
  try {
    await navigator.serviceWorker.ready;
    const list = await manifest();
    const files = [...list.runtime, ...list.assets, ...list.navigation, ...pageFiles(list, box.dataset.lang)];
    await keep(files, { refresh: true, onProgress: (done, total) => {
      status.textContent = fill(words.working, (name) => String({ done, total }[name]));
    } });
    await dropOldRuntime(list.runtime);
    status.textContent = fill(words.done, (name) => (name === "total" ? String(files.length) : undefined));
    box.dataset.prepared = String(files.length);
  } catch (error) {
    status.textContent = fill(words.failed, (name) => (name === "reason" ? error.message : undefined));
  } finally {
    button.disabled = false;
  }
}

function mount() {
  for (const box of document.querySelectorAll(".cv-prepare:not([data-mounted])")) {
    box.setAttribute("data-mounted", "");
    box.querySelector("button").addEventListener("click", () => prepareDevice(box));
  }
  if (supported) navigator.serviceWorker.ready.then(keepThisCalculatorPage).catch((error) => console.warn("offline:", error));
}

// A module worker (it imports offline-rules.js): Chrome and Edge 91, Safari 15, Firefox 147.
// An older browser refuses to register it; the guide then works as before, online only.
if (supported) {
  navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname, type: "module" })
    .catch((error) => console.warn("service worker:", error));
}
if (window.document$) window.document$.subscribe(mount);
else document.addEventListener("DOMContentLoaded", mount);
