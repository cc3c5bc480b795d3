// One Python runtime per visit. The worker lives in this module, and this module lives as long
// as the tab: Material's instant navigation swaps the page content but keeps the JavaScript,
// so a later calculator page answers at once without loading Pyodide again.

let worker = null;
let started = null;
let nextId = 1;
const pending = new Map();
const listeners = new Set();

export function onRuntimeEvent(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function broadcast(event) {
  for (const listener of listeners) listener(event);
}

export function runtimeState() {
  return started ? started.state : "idle";
}

// A page's data-runtime addresses made absolute. Resolve them while that page is the current
// one: after an instant navigation the same relative path points elsewhere.
export function runtimeUrls(dataRuntime) {
  const relative = JSON.parse(dataRuntime);
  return { pyodide: new URL(relative.pyodide, document.baseURI).href, wheel: new URL(relative.wheel, document.baseURI).href,
    sizes: relative.sizes || {} }; // bytes per file the worker downloads: its progress
}

// The worker's address names the runtime it starts (after the #, so that every page shares one
// cached script). overrides/main.html writes the same address in a page's head.
export function workerAddress(script, urls) {
  return `${script}#${encodeURIComponent(JSON.stringify(urls))}`;
}

// Start the runtime (once); resolves when it is ready, rejects when it cannot load.
// A calculator's own page starts the worker from its head (overrides/main.html), before
// this module loads: window.cvPython holds that worker and the messages it sent meanwhile.
// It is adopted once, and only for the runtime it was started for.
function adoptEarlyWorker(urls) {
  const early = window.cvPython;
  delete window.cvPython;
  if (!early || early.urls.pyodide !== urls.pyodide || early.urls.wheel !== urls.wheel) {
    early?.worker.terminate();
    return null;
  }
  return early;
}

export function startRuntime(urls) {
  if (started && started.state !== "failed") return started.promise;
  const early = adoptEarlyWorker(urls);
  worker = early ? early.worker
    : new Worker(workerAddress(new URL("calculator-worker.js", import.meta.url), urls), { type: "module", name: JSON.stringify(urls) });
  const record = { state: "starting" };
  record.promise = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") broadcast(data);
      else if (data.type === "ready") {
        // How Python started, "snapshot" or "fresh", and later whether a snapshot was saved:
        // shown on the document for tests and the benchmark.
        document.documentElement.dataset.pythonStart = data.from;
        record.state = "ready"; broadcast(data); resolve();
      }
      else if (data.type === "snapshot") {
        document.documentElement.dataset.pythonSnapshot = data.stored ? "stored" : "failed";
        if (data.message) document.documentElement.dataset.pythonSnapshotError = data.message;
      }
      else if (data.type === "failed") { record.state = "failed"; broadcast(data); reject(new Error(data.message)); worker.terminate(); }
      else if (data.type === "result" || data.type === "error") {
        const waiter = pending.get(data.id);
        pending.delete(data.id);
        if (waiter) data.type === "result" ? waiter.resolve(data.result) : waiter.reject(new Error(data.message));
      }
    };
    worker.onerror = (event) => {
      record.state = "failed";
      broadcast({ type: "failed", message: event.message || "worker error" });
      reject(new Error(event.message || "worker error"));
    };
  });
  record.promise.catch(() => {});
  // Never a silent hang: a runtime that is not up after two minutes counts as failed.
  setTimeout(() => {
    if (record.state !== "starting") return;
    record.state = "failed";
    broadcast({ type: "failed", message: "timeout" });
    worker.terminate();
  }, 120_000);
  started = record;
  if (early) early.messages.forEach((data) => worker.onmessage({ data }));
  return record.promise;
}

function ask(request) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: "run", id, request });
  });
}

// Requests in link form ({lang: "link"}, a link's values) are a pure function of the
// calculator's code, so an answer Pyodide gave once holds for the whole visit. They are kept:
// a page whose example was answered ahead shows that answer the moment it is mounted.
const answers = new Map(); // key → { promise, result }

const answerKey = (request) => JSON.stringify([request.calculator, Object.entries(request.fields).sort()]);

export async function compute(request) {
  await started.promise;
  if (request.lang !== "link") return ask(request);
  const key = answerKey(request);
  if (!answers.has(key)) {
    const answer = { promise: ask(request) };
    answer.promise.then((result) => { answer.result = result; }, () => answers.delete(key));
    answers.set(key, answer);
  }
  return answers.get(key).promise;
}

// The answer to a link-form request, if Pyodide has given it in this visit; else undefined.
export function knownAnswer(request) {
  return runtimeState() === "ready" ? answers.get(answerKey(request))?.result : undefined;
}

// Ask for these link-form requests now, while the reader reads, so that the pages they belong
// to answer at once. Each is asked at most once.
export function answerAhead(requests) {
  if (runtimeState() !== "ready") return;
  for (const request of requests) compute(request).catch(() => {});
}
