// The module worker that owns the Python runtime. It starts Python as soon as it runs, for the
// runtime its address names; the page posts {id, calculator, fields, lang} and the worker
// answers {id, result}. Start-up progress and failure are posted too, so the page never waits
// in silence.
//
// A repeat visit starts from a memory snapshot: once the first answer is out and the reader
// pauses, the worker saves Pyodide's memory (the calculators imported, each run once) in the
// origin's private file system, and the next page restores it instead of starting Python
// again (about a quarter of the time). The snapshot's key is the runtime's addresses, which
// are named by their content (Pyodide's version, the standard library's and the wheel's
// digests); one snapshot is kept at most. Any failure (no storage, a stale or corrupt file)
// means a normal start, silently; a bad file is deleted.
let ready = null; // the start: {runJson, from}
let snapshot = null; // what a fresh start needs to save its snapshot later

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

// The snapshot is one file in the origin's private file system, read and written through a
// synchronous access handle: this worker reads it straight into the memory Pyodide restores,
// with no trip through another process (Cache Storage took 100-150 ms to hand over the same
// bytes, on the path to a repeat visit's first answer).
const SNAPSHOT_FILE = "python-snapshot";
// Two thirds of a snapshot's 31 MB are pages of zeros (the heap's free space). The file is a
// header (its length in 4 bytes, then JSON: the runtime's key, the memory's size, the check
// answer, the bytes of pages stored), a map of the 4 kB pages (1: stored, 0: zeros) and the
// stored pages: 11 MB on the reader's disk instead of 31.
const PAGE = 4096;

// The private file system's root; null where there is none (an insecure origin, storage
// blocked) or where its files cannot be read synchronously (Safari before 15.2, Firefox
// before 111): no snapshot, a normal start, and none is made.
async function snapshotFolder() {
  if (!self.FileSystemFileHandle?.prototype.createSyncAccessHandle) return null;
  try {
    return await navigator.storage.getDirectory();
  } catch {
    return null;
  }
}

async function forgetSnapshot(folder) {
  await folder.removeEntry(SNAPSHOT_FILE).catch(() => {});
}

// Each run of consecutive stored pages, as [first byte, end byte] of the memory.
function* storedRuns(map, memoryBytes) {
  for (let page = 0; page < map.length;) {
    if (!map[page]) {
      page++;
      continue;
    }
    let end = page + 1;
    while (end < map.length && map[end]) end++;
    yield [page * PAGE, Math.min(end * PAGE, memoryBytes)];
    page = end;
  }
}

function pageMap(memory) {
  const map = new Uint8Array(Math.ceil(memory.length / PAGE));
  for (let page = 0; page < map.length; page++) {
    const end = Math.min((page + 1) * PAGE, memory.length);
    for (let at = page * PAGE; at < end; at++) {
      if (memory[at]) {
        map[page] = 1;
        break;
      }
    }
  }
  return map;
}

function readExactly(access, into, at) {
  if (access.read(into, { at }) !== into.length) throw new Error("snapshot damaged");
}

function writeExactly(access, bytes, at) {
  if (access.write(bytes, { at }) !== bytes.length) throw new Error("snapshot not written");
  return at + bytes.length;
}

// {memory, check} read from an open file; {stale: true} when it is another runtime's.
function readSnapshotFile(access, key) {
  const length = new Uint8Array(4);
  readExactly(access, length, 0);
  const headerBytes = new Uint8Array(new DataView(length.buffer).getUint32(0, true));
  readExactly(access, headerBytes, 4);
  const header = JSON.parse(new TextDecoder().decode(headerBytes));
  if (header.key !== key) return { stale: true };
  const map = new Uint8Array(Math.ceil(header.memory / PAGE));
  let at = 4 + headerBytes.length;
  if (access.getSize() !== at + map.length + header.stored) throw new Error("snapshot damaged"); // cut short
  readExactly(access, map, at);
  at += map.length;
  const memory = new Uint8Array(header.memory); // zeros until a stored page is read in
  for (const [from, to] of storedRuns(map, header.memory)) {
    readExactly(access, memory.subarray(from, to), at);
    at += to - from;
  }
  if (at !== access.getSize()) throw new Error("snapshot damaged"); // a map that lost pages
  return { memory, check: header.check };
}

function writeSnapshotFile(access, key, memory, check) {
  const map = pageMap(memory);
  let stored = 0;
  for (const [from, to] of storedRuns(map, memory.length)) stored += to - from;
  const header = new TextEncoder().encode(JSON.stringify({ key, memory: memory.length, check, stored }));
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, header.length, true);
  access.truncate(0);
  let at = writeExactly(access, length, 0);
  at = writeExactly(access, header, at);
  at = writeExactly(access, map, at);
  for (const [from, to] of storedRuns(map, memory.length)) at = writeExactly(access, memory.subarray(from, to), at);
  access.flush();
}

// The snapshot saved for this runtime, or null. Another runtime's is deleted on the way (never
// more than one is kept); a damaged one makes this throw.
async function savedSnapshot(folder, key) {
  let file;
  try {
    file = await folder.getFileHandle(SNAPSHOT_FILE);
  } catch {
    return null; // none yet
  }
  const access = await file.createSyncAccessHandle(); // fails while another tab holds it: a normal start
  let saved;
  try {
    saved = readSnapshotFile(access, key);
  } finally {
    access.close();
  }
  if (!saved.stale) return saved;
  await forgetSnapshot(folder);
  return null;
}

async function saveSnapshot(folder, key, memory, check) {
  const access = await (await folder.getFileHandle(SNAPSHOT_FILE, { create: true })).createSyncAccessHandle();
  try {
    writeSnapshotFile(access, key, memory, check);
  } catch (error) {
    access.close();
    await forgetSnapshot(folder); // a part written (a full disk) is no snapshot
    throw error;
  }
  access.close();
}

const snapshotKey = (urls) => JSON.stringify({ pyodide: urls.pyodide, wheel: urls.wheel });

async function restore(loadPyodide, urls, folder, saved) {
  try {
    const pyodide = await loadPyodide({ indexURL: urls.pyodide, fullStdLib: false, _loadSnapshot: saved.memory });
    pyodide.runPython(AFTER_RESTORE);
    if (pyodide.runPython(CHECK) !== saved.check) throw new Error("snapshot answers differently");
    return pyodide.pyimport("calculators.run").run_json;
  } catch {
    await forgetSnapshot(folder);
    return null;
  }
}

async function wheelBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function fresh(loadPyodide, urls, folder) {
  const wheel = wheelBytes(urls.wheel); // downloads while Python starts
  wheel.catch(() => {}); // a failure is reported below, where it is awaited
  const pyodide = await loadPyodide({ indexURL: urls.pyodide, fullStdLib: false, ...(folder ? { _makeSnapshot: true } : {}) });
  postMessage({ type: "progress", step: 2, steps: 3 });
  pyodide.unpackArchive(await wheel, "wheel");
  if (folder) snapshot = { pyodide, folder, key: snapshotKey(urls) };
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
  const folder = snapshotFolder();
  // Pyodide's glue (1.2 MB of JavaScript, the first thing loadPyodide imports) is fetched and
  // compiled meanwhile: loadPyodide then finds it in the module map, ready. A failure here is
  // reported where loadPyodide imports it again.
  import(new URL("pyodide.asm.mjs", urls.pyodide).href).catch(() => {});
  const python = (async () => {
    const [{ loadPyodide }, opened, saved] = await Promise.all([
      import(new URL("pyodide.mjs", urls.pyodide).href),
      folder,
      // A damaged snapshot is deleted (one that another tab holds open cannot be: it is left).
      folder.then((found) => found && savedSnapshot(found, snapshotKey(urls)).catch(() => forgetSnapshot(found).then(() => null))),
    ]);
    const restored = saved && await restore(loadPyodide, urls, opened, saved);
    return { runJson: restored || await fresh(loadPyodide, urls, opened), from: restored ? "snapshot" : "fresh" };
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
    const { pyodide, folder, key } = snapshot;
    snapshot = null;
    try {
      pyodide.runPython(WARM_UP);
      const check = pyodide.runPython(CHECK);
      await saveSnapshot(folder, key, pyodide.makeMemorySnapshot(), check);
      // Builds before December 2026 kept the snapshot in Cache Storage: 11 MB never read again.
      if (self.caches) caches.delete("cv-python-snapshot").catch(() => {});
      postMessage({ type: "snapshot", stored: true });
    } catch (error) {
      postMessage({ type: "snapshot", stored: false, message: String(error && error.message || error) });
    }
  }, SNAPSHOT_IDLE_MS);
}

// The page names the runtime in this worker's name (and its address, after the #, which is how
// a page recognises the worker its head started: runtime.js workerAddress): Python starts the
// moment this module runs. A first message would reach it only once the module has run and
// Chromium has passed it on, 30-90 ms later in traces of a loading page. The name, not the #:
// offline, this script comes from the service worker's cache, which keeps addresses without
// their #, and the worker's own address then has none ("Unexpected end of JSON input").
ready = (async () => start(JSON.parse(self.name || decodeURIComponent(self.location.hash.slice(1)))))();
ready.then(({ from }) => postMessage({ type: "ready", from }),
  (error) => postMessage({ type: "failed", message: String(error && error.message || error) }));

self.onmessage = async ({ data }) => {
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
