// The module worker that owns the Python runtime. The page posts {id, calculator, fields,
// lang}; the worker answers {id, result}. Start-up progress and failure are posted too, so
// the page never waits in silence.
let ready = null;

async function start({ pyodide: pyodideUrl, wheel: wheelUrl }) {
  const step = (n) => postMessage({ type: "progress", step: n, steps: 3 });
  step(1);
  // Pyodide only logs a warning and waits forever when its wasm cannot be fetched: ask first,
  // so that a blocked or missing runtime fails at once with a message and a retry button.
  const probe = await fetch(new URL("pyodide.asm.wasm", pyodideUrl), { method: "HEAD" });
  if (!probe.ok) throw new Error(`runtime: HTTP ${probe.status}`);
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideUrl).href);
  const pyodide = await loadPyodide({ indexURL: pyodideUrl, fullStdLib: false });
  step(2);
  const response = await fetch(wheelUrl);
  if (!response.ok) throw new Error(`wheel: HTTP ${response.status}`);
  pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel");
  step(3);
  return pyodide.pyimport("calculators.run").run_json;
}

self.onmessage = async ({ data }) => {
  if (data.type === "start") {
    ready ??= start(data.urls);
    try {
      await ready;
      postMessage({ type: "ready" });
    } catch (error) {
      postMessage({ type: "failed", message: String(error && error.message || error) });
    }
    return;
  }
  if (data.type === "run") {
    try {
      const runJson = await ready;
      const result = JSON.parse(runJson(JSON.stringify(data.request)));
      postMessage({ type: "result", id: data.id, result });
    } catch (error) {
      postMessage({ type: "error", id: data.id, message: String(error && error.message || error) });
    }
  }
};
