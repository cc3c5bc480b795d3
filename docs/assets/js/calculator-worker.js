// The module worker that owns the Python runtime. The page posts {id, calculator, fields,
// lang}; the worker answers {id, result}. Start-up progress and failure are posted too, so
// the page never waits in silence.
//
// A repeat visit starts from a memory snapshot: once the first answer is out and the reader
// pauses, the worker saves Pyodide's memory (the calculators imported, each run once) in
// Cache Storage, and the next page restores it instead of starting Python again (about a
// quarter of the time). The snapshot's key is the runtime's addresses, which are named by
// their content (Pyodide's version, the standard library's and the wheel's digests); one
// snapshot is kept at most. Any failure (no storage, a stale or corrupt entry) means a normal
// start, silently; a bad entry is deleted.
let ready = null;
let snapshot = null; // what a fresh start needs to save its snapshot later

const SNAPSHOTS = "cv-python-snapshot";
const SNAPSHOT_IDLE_MS = 1000; // quiet time after an answer before the worker saves
// Run before a snapshot: every calculator with its defaults and with bad input imports
// whatever it ever imports (a restored runtime has the modules, not the wheel's files).
const WARM_UP = `
import json
from calculators.registry import CALCULATORS
from calculators.run import link_fields, run_json
for _calculator in CALCULATORS:
    _fields = link_fields(_calculator, {})
    run_json(json.dumps({"calculator": _calculator, "fields": _fields, "lang": "de"}))
    run_json(json.dumps({"calculator": _calculator, "fields": {k: "x" for k in _fields}, "lang": "zh"}))
`;
// An answer saved with the snapshot and asked again after a restore: proof of the memory.
const CHECK = `
import json
from calculators.registry import CALCULATORS
from calculators.run import link_fields, run_json
_last = list(CALCULATORS)[-1]
run_json(json.dumps({"calculator": _last, "fields": link_fields(_last, {}), "lang": "link"}))
`;
// What a snapshot would freeze: the random generators' state (tempfile keeps its own).
const AFTER_RESTORE = `
import random, sys
random.seed()
if "tempfile" in sys.modules:
    sys.modules["tempfile"]._name_sequence = None
`;

// Two thirds of a snapshot's 31 MB are pages of zeros (the heap's free space). It is stored
// as a map of its 4 kB pages (1: stored, 0: zeros) followed by the stored pages: 11 MB to read
// on the next visit instead of 31, and to keep on the reader's disk.
const PAGE = 4096;

function packSnapshot(memory) {
  const pages = Math.ceil(memory.length / PAGE);
  const stored = new Uint8Array(pages);
  let size = pages;
  for (let page = 0; page < pages; page++) {
    const end = Math.min((page + 1) * PAGE, memory.length);
    for (let at = page * PAGE; at < end; at++) {
      if (memory[at]) {
        stored[page] = 1;
        size += end - page * PAGE;
        break;
      }
    }
  }
  const packed = new Uint8Array(size);
  packed.set(stored);
  let to = pages;
  for (let page = 0; page < pages; page++) {
    if (!stored[page]) continue;
    const part = memory.subarray(page * PAGE, Math.min((page + 1) * PAGE, memory.length));
    packed.set(part, to);
    to += part.length;
  }
  return packed;
}

function unpackSnapshot(packed, memoryBytes) {
  const pages = Math.ceil(memoryBytes / PAGE);
  const memory = new Uint8Array(memoryBytes); // zeros until a stored page is copied in
  let from = pages;
  for (let page = 0; page < pages;) {
    if (!packed[page]) {
      page++;
      continue;
    }
    let end = page + 1;
    while (end < pages && packed[end]) end++; // a run of stored pages: one copy
    const size = Math.min(end * PAGE, memoryBytes) - page * PAGE;
    if (from + size > packed.length) throw new Error("snapshot damaged");
    memory.set(packed.subarray(from, from + size), page * PAGE);
    from += size;
    page = end;
  }
  if (from !== packed.length) throw new Error("snapshot damaged");
  return memory;
}

const snapshotKey = (urls) =>
  new URL(`python-snapshot?${new URLSearchParams({ pyodide: urls.pyodide, wheel: urls.wheel })}`, urls.pyodide).href;

async function snapshotCache() {
  // No Cache Storage (an insecure origin, storage blocked or full): no snapshot, a normal start.
  try {
    return self.caches ? await caches.open(SNAPSHOTS) : null;
  } catch {
    return null;
  }
}

// The snapshot saved for these addresses, if any: its entry, and its bytes as they are read.
// Entries of other builds are deleted on the way: never more than one is kept.
async function savedSnapshot(cache, urls) {
  if (!cache) return null;
  const key = snapshotKey(urls);
  try {
    let found = null;
    for (const request of await cache.keys()) {
      if (request.url === key) found = request;
      else await cache.delete(request);
    }
    if (!found) return null;
    // Its 11 MB are read from here on, while Pyodide's glue and wasm load.
    const response = await cache.match(found);
    const buffer = response.arrayBuffer();
    buffer.catch(() => {}); // reported by loadPyodide, which awaits it (restore)
    return { cache, request: found, response, buffer };
  } catch {
    return null;
  }
}

async function restore(loadPyodide, urls, { cache, request, response, buffer: reading }) {
  try {
    // Pyodide takes the bytes as a promise, and awaits them only once its wasm is in hand.
    const bytes = reading.then((buffer) => {
      if (buffer.byteLength !== Number(response.headers.get("x-snapshot-bytes"))) throw new Error("snapshot truncated");
      return unpackSnapshot(new Uint8Array(buffer), Number(response.headers.get("x-snapshot-memory")));
    });
    bytes.catch(() => {}); // reported by loadPyodide, which awaits it
    const pyodide = await loadPyodide({ indexURL: urls.pyodide, fullStdLib: false, _loadSnapshot: bytes });
    pyodide.runPython(AFTER_RESTORE);
    if (pyodide.runPython(CHECK) !== decodeURIComponent(response.headers.get("x-snapshot-check"))) {
      throw new Error("snapshot answers differently");
    }
    return pyodide.pyimport("calculators.run").run_json;
  } catch {
    await cache.delete(request).catch(() => {});
    return null;
  }
}

async function wheelBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fresh(loadPyodide, urls, snapshots) {
  const wheel = wheelBytes(urls.wheel); // downloads while Python starts
  wheel.catch(() => {}); // a failure is reported below, where it is awaited
  const pyodide = await loadPyodide({ indexURL: urls.pyodide, fullStdLib: false, ...(snapshots ? { _makeSnapshot: true } : {}) });
  postMessage({ type: "progress", step: 2, steps: 3 });
  pyodide.unpackArchive(await wheel, "wheel");
  if (snapshots) snapshot = { pyodide, key: snapshotKey(urls) };
  return pyodide.pyimport("calculators.run").run_json;
}

// Real download progress: every fetch of a runtime file the build declared (its name and
// decoded size: urls.sizes, from sitebuild/runtime.py) is counted as its body streams in, and
// the bytes so far are posted with the total, at most every 100 ms.
const PROGRESS_EVERY_MS = 100;

function countDownloads(sizes) {
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  if (!total) return;
  const plainFetch = self.fetch.bind(self);
  let loaded = 0;
  let posted = 0;
  const post = (force) => {
    const now = Date.now();
    if (!force && now - posted < PROGRESS_EVERY_MS) return;
    posted = now;
    postMessage({ type: "progress", step: 1, steps: 3, loaded: Math.min(loaded, total), total });
  };
  self.fetch = async (input, init) => {
    const response = await plainFetch(input, init);
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, self.location.href);
    const name = url.pathname.split("/").pop();
    const method = (init && init.method) || (input instanceof Request ? input.method : "GET");
    if (!Object.hasOwn(sizes, name) || method !== "GET" || !response.ok || !response.body) return response;
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        post(false);
        controller.enqueue(chunk);
      },
      flush() { post(true); },
    }));
    // The same answer with a counted body (its bytes are decoded already: no length or encoding).
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(counted, { status: response.status, statusText: response.statusText, headers });
  };
  post(true); // 0 of the total, before the first byte
}

// Pyodide requests its wasm and standard library only when loadPyodide runs, after its glue
// is imported and the snapshot looked up. Request them at the worker's first moment instead,
// and hand Pyodide these same responses when it asks (one download each): on a slow line the
// wasm's 3.4 MB are the longest wait of a first visit, and they start that much sooner.
function requestEarly(indexURL, names) {
  const responses = {};
  const unclaimed = new Map(); // address → response, until Pyodide asks for it
  for (const name of names) {
    const url = new URL(name, indexURL).href;
    responses[name] = fetch(url);
    responses[name].catch(() => {}); // reported where awaited
    unclaimed.set(url, responses[name]);
  }
  const laterFetch = self.fetch;
  self.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    const response = unclaimed.get(url);
    if (!response || (init && (init.method || init.integrity))) return laterFetch(input, init);
    unclaimed.delete(url); // handed over once: a second start (after a failed restore) asks anew
    return response;
  };
  return responses;
}

async function start(urls) {
  postMessage({ type: "progress", step: 1, steps: 3 });
  countDownloads(urls.sizes || {});
  const { "pyodide.asm.wasm": wasm } = requestEarly(urls.pyodide, ["pyodide.asm.wasm", "python_stdlib.zip"]);
  // Pyodide only logs a warning and waits forever when its wasm cannot be fetched: this fails
  // at once instead, so that a blocked or missing runtime shows a message and a retry button.
  const missing = wasm.then((response) => {
    if (!response.ok) throw new Error(`runtime: HTTP ${response.status}`);
    return new Promise(() => {}); // there: Python's start decides
  });
  const snapshots = snapshotCache();
  // Pyodide's glue (1.2 MB of JavaScript, the first thing loadPyodide imports) is fetched and
  // compiled meanwhile: loadPyodide then finds it in the module map, ready. A failure here is
  // reported where loadPyodide imports it again.
  import(new URL("pyodide.asm.mjs", urls.pyodide).href).catch(() => {});
  const python = (async () => {
    const [{ loadPyodide }, cache, saved] = await Promise.all([
      import(new URL("pyodide.mjs", urls.pyodide).href),
      snapshots,
      snapshots.then((opened) => savedSnapshot(opened, urls)),
    ]);
    const restored = saved && await restore(loadPyodide, urls, saved);
    return { runJson: restored || await fresh(loadPyodide, urls, cache), from: restored ? "snapshot" : "fresh" };
  })();
  python.catch(() => {}); // a failure is reported by the race below, even after `missing` lost
  const started = await Promise.race([python, missing]);
  postMessage({ type: "progress", step: 3, steps: 3 });
  return started;
}

let idleTimer = 0;

// After an answer: once the reader pauses, save the snapshot (once per fresh start).
function saveWhenIdle() {
  if (!snapshot) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(async () => {
    const { pyodide, key } = snapshot;
    snapshot = null;
    try {
      pyodide.runPython(WARM_UP);
      const check = pyodide.runPython(CHECK);
      const memory = pyodide.makeMemorySnapshot();
      const bytes = packSnapshot(memory);
      const cache = await caches.open(SNAPSHOTS);
      await cache.put(key, new Response(bytes, { headers: {
        "content-type": "application/octet-stream",
        "x-snapshot-bytes": String(bytes.length),
        "x-snapshot-memory": String(memory.length),
        "x-snapshot-check": encodeURIComponent(check),
      } }));
      for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request); // one kept
      postMessage({ type: "snapshot", stored: true });
    } catch (error) {
      postMessage({ type: "snapshot", stored: false, message: String(error && error.message || error) });
    }
  }, SNAPSHOT_IDLE_MS);
}

self.onmessage = async ({ data }) => {
  if (data.type === "start") {
    ready ??= start(data.urls);
    try {
      const { from } = await ready;
      postMessage({ type: "ready", from });
    } catch (error) {
      postMessage({ type: "failed", message: String(error && error.message || error) });
    }
    return;
  }
  if (data.type === "run") {
    try {
      const { runJson } = await ready;
      const result = JSON.parse(runJson(JSON.stringify(data.request)));
      postMessage({ type: "result", id: data.id, result });
    } catch (error) {
      postMessage({ type: "error", id: data.id, message: String(error && error.message || error) });
    }
    saveWhenIdle();
  }
};
