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
  return { pyodide: new URL(relative.pyodide, document.baseURI).href, wheel: new URL(relative.wheel, document.baseURI).href };
}

// Start the runtime (once); resolves when it is ready, rejects when it cannot load.
export function startRuntime(urls) {
  if (started && started.state !== "failed") return started.promise;
  worker = new Worker(new URL("calculator-worker.js", import.meta.url), { type: "module" });
  const record = { state: "starting" };
  record.promise = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") broadcast(data);
      else if (data.type === "ready") { record.state = "ready"; broadcast(data); resolve(); }
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
  worker.postMessage({ type: "start", urls });
  return record.promise;
}

export async function compute(request) {
  await started.promise;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: "run", id, request });
  });
}
