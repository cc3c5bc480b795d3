"""Benchmark the built site in headless Chromium (issue 4, "Benchmark"). Not a test: it
asserts nothing, always exits 0 and prints a table with the target beside each figure.

    .venv/bin/python scripts/benchmark.py

What it does, in order:

1. builds the site once (``mkdocs build --strict``) into a temporary folder, with ``SITE_URL``
   set to the loopback address it is then served on (instant navigation needs that);
2. serves it on 127.0.0.1 with a static handler that gzips responses when the request
   accepts gzip, as a static host would, and counts the body bytes it sends;
3. drives headless Chromium, a fresh context per measurement (cold ones with the cache
   disabled), on the three calculator pages and one guide page;
4. beside them, in the same run: stock Pyodide from the npm package (full standard library,
   ``loadPyodide()`` and an import of json, dataclasses, decimal and statistics, in a module
   worker on a blank page), the reference of issue 16's ratios; a repeat visit (a new tab in
   the same browser after the first page saved its Python snapshot); and the home page and a
   chapter beside a plain Material build of the same Markdown (no hooks, no macros, no
   scripts of ours), for main-thread blocking.

Times are read inside the page (``performance.now()``, whose origin is the navigation start)
by an init script that records every ``data-state`` change, every ``input`` and ``click``
event, long tasks and long animation frames.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

# installed with the project (pyproject.toml)
from sitebuild.serve import GZIP_LEVEL, NOT_COMPRESSED, SiteHandler

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}  # wide enough for Material's navigation sidebar
TIMEOUT_MS = 90_000
MB = 1_000_000

LINK_RUNS = 3      # cold link loads per calculator (and bare loads), interleaved; medians
INSTANT_ROUNDS = 2  # after each cold page, twice round the three calculator pages
POLL_MS = 50       # how often the script looks for a state; times are taken in the page
EDITS = 20         # input-to-result samples per calculator
GUIDE_PAGE = "creating-value/"
REPEAT_RUNS = 3    # repeat visits per calculator (each after a first visit in a new context)
BLOCKING_RUNS = 5  # loads of home and chapter, ours and plain Material's, interleaved
BLOCKING_PAGES = ("", GUIDE_PAGE)
QUIET_MS = 2000    # after the network is idle, how long the blocking count goes on
#: The stock Pyodide files the reference page loads, from the npm package as it is.
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


@dataclass(frozen=True)
class Calculator:
    id: str           # data-calculator
    slug: str         # page under calculators/
    link: str         # a trainer's link query
    field: str        # the input edited
    output: str       # the output watched
    values: tuple     # values typed, each giving a different output

    @property
    def page(self) -> str:
        return f"calculators/{self.slug}/"


CALCULATORS = (
    Calculator("value", "value", "v=1&price=70", "price", "net_value",
               tuple(range(60, 60 + EDITS))),
    Calculator("lifetime_value", "lifetime-value", "v=1&average_check=25", "average_check",
               "lifetime_value", tuple(range(21, 21 + EDITS))),
    Calculator("competition", "competition", "v=1&cost=4", "cost", "net",
               tuple(range(10, 10 + EDITS))),
)
#: The bare run computes the value calculator's link (price 70), as the widget would send it.
BARE_REQUEST = {"calculator": "value", "lang": "en", "fields": {
    "economic": "90", "psychological": "30", "social": "0", "price": "70", "transaction": "0",
    "time_hours": "1", "hourly_value": "20", "currency": "USD"}}

# ---- in-page instrumentation -------------------------------------------------------------

INIT_SCRIPT = r"""
(() => {
  if (window.__bench) return;
  const B = window.__bench = { states: [], inputs: [], clicks: [], longtasks: [], frames: [],
                               outputsAt: null, fcp: null };
  const observe = (type, fn) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true }); }
    catch (error) { B[type + "Unsupported"] = String(error); }
  };
  observe("longtask", (e) => B.longtasks.push([e.startTime, e.duration]));
  observe("paint", (e) => { if (e.name === "first-contentful-paint") B.fcp = e.startTime; });
  observe("long-animation-frame", (e) => B.frames.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    scripts: (e.scripts || []).map((s) => ({ url: s.sourceURL, invoker: s.invoker, duration: s.duration })),
  }));
  new MutationObserver((records) => {
    const t = performance.now();
    if (B.outputsAt === null && document.querySelector("[data-calculator] output[data-key]")) B.outputsAt = t;
    for (const r of records) {
      if (r.type === "attributes") B.states.push([r.target.dataset.calculator, r.target.dataset.state, t]);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  addEventListener("input", () => B.inputs.push(performance.now()), true);
  addEventListener("click", () => B.clicks.push(performance.now()), true);
})();
"""

BARE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare Pyodide</title></head>
<body><p>bare loadPyodide() + one call</p>
<script type="module">
  const worker = new Worker(new URL("bare-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => { window.__bare = { at: performance.now(), ...data }; };
  worker.onerror = (event) => { window.__bare = { at: performance.now(), error: String(event.message) }; };
  worker.postMessage(%s);
</script></body></html>
"""

BARE_WORKER = """
self.onmessage = async ({ data }) => {
  try {
    const { loadPyodide } = await import(data.pyodide + "pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL: data.pyodide, fullStdLib: false });
    const wheel = await (await fetch(data.wheel)).arrayBuffer();
    pyodide.unpackArchive(new Uint8Array(wheel), "wheel");
    const runJson = pyodide.pyimport("calculators.run").run_json;
    const result = JSON.parse(runJson(JSON.stringify(data.request)));
    postMessage({ ok: result.ok, net_value: result.values.net_value });
  } catch (error) {
    postMessage({ error: String(error && error.message || error) });
  }
};
"""

#: The site's own worker (calculator-worker.js) on a blank page, started as a calculator page's
#: head starts it: after a first page saved the snapshot, this is the repeat visit without the
#: page around it (Material, the guide's layout and scripts), to show what that page costs.
SITE_WORKER_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>site worker</title>
<script type="module">
  const { worker: script, urls, request } = %s;
  const { workerAddress } = await import(new URL("runtime.js", script).href); // the page's own rule
  const worker = new Worker(workerAddress(script, urls), { type: "module" });
  let from = null; // "snapshot" or "fresh", as the worker says when it is ready
  worker.onmessage = ({ data }) => {
    if (data.type === "ready") {
      from = data.from;
      worker.postMessage({ type: "run", id: 1, request });
    } else if (data.type === "failed") window.__bare = { at: performance.now(), error: data.message };
    else if (data.type === "result") window.__bare = { at: performance.now(), from, net_value: data.result.values.net_value };
  };
</script></head><body><p>the site's worker, no page around it</p></body></html>
"""

STOCK_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stock Pyodide</title></head>
<body><p>stock loadPyodide() + import json, dataclasses, decimal, statistics</p>
<script type="module">
  const worker = new Worker(new URL("stock-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = ({ data }) => { window.__bare = { at: performance.now(), ...data }; };
  worker.onerror = (event) => { window.__bare = { at: performance.now(), error: String(event.message) }; };
  worker.postMessage({ pyodide: new URL("stock/", location.href).href });
</script></body></html>
"""

STOCK_WORKER = """
self.onmessage = async ({ data }) => {
  try {
    const { loadPyodide } = await import(data.pyodide + "pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL: data.pyodide });
    const answer = pyodide.runPython(
      "import json, dataclasses, decimal, statistics; str(statistics.mean([decimal.Decimal(1), decimal.Decimal(2)]))");
    postMessage({ ok: answer === "1.5", answer });
  } catch (error) {
    postMessage({ error: String(error && error.message || error) });
  }
};
"""

READY_OR_FAILED = """([calc, after]) => (window.__bench ? window.__bench.states : []).some(
  (s) => s[0] === calc && (s[1] === "ready" || s[1] === "failed") && s[2] >= after)"""

# ---- the static server -------------------------------------------------------------------


Sent = tuple[str, int, bool, float]  # path, body bytes, gzipped, when asked (time.time())


class Ledger:
    """Body bytes sent per request path, between two resets."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[Sent] = []

    def add(self, path: str, size: int, gzipped: bool, asked_at: float) -> None:
        with self.lock:
            self.sent.append((path, size, gzipped, asked_at))

    def take(self) -> list[Sent]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent


class GzipSiteHandler(SiteHandler):
    """``SiteHandler`` (which gzips what a static host would) counting the bytes it sends."""

    ledger: Ledger = Ledger()

    def log_message(self, *args: object) -> None:
        pass

    def parse_request(self) -> bool:
        # When the request arrived: on a kept-open connection, handle_one_request starts
        # waiting for the next request as soon as the last one is answered.
        self.asked_at = time.time()
        return super().parse_request()

    def copyfile(self, source, outputfile) -> None:
        start = source.tell()
        super().copyfile(source, outputfile)
        self.ledger.add(urllib.parse.urlsplit(self.path).path, source.tell() - start,
                        getattr(self, "gzip_sent", False), self.asked_at)


class Server:
    def __init__(self, site: Path, port: int) -> None:
        handler = functools.partial(GzipSiteHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{port}/"
        self.ledger = GzipSiteHandler.ledger
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prewarm(site: Path) -> None:
    """Compress every file once before timing, as a host with precompressed files would."""
    for path in site.rglob("*"):
        if path.is_file() and SiteHandler.guess_type(SiteHandler, str(path)) not in NOT_COMPRESSED:
            GzipSiteHandler.gzipped(str(path))


# ---- measurements ------------------------------------------------------------------------


@dataclass
class Bytes:
    total: int = 0
    pyodide: int = 0
    wheel: int = 0
    pyodide_files: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    @classmethod
    def of(cls, sent: list[Sent]) -> Bytes:
        out = cls(requests=len(sent))
        for path, size, *_ in sent:
            out.total += size
            if "/assets/pyodide/" in path:
                out.pyodide += size
                name = path.rsplit("/", 1)[-1]
                out.pyodide_files[name] = out.pyodide_files.get(name, 0) + size
            elif "/assets/calculators/" in path:
                out.wheel += size
        return out


@dataclass
class PageFigures:
    prerendered_dom: float | None = None
    fcp: float | None = None
    cold_ready: float | None = None
    link_ready: list[float] = field(default_factory=list)
    bytes_after: Bytes = field(default_factory=Bytes)
    bytes_after_sent: list[Sent] = field(default_factory=list)
    instant: list[float] = field(default_factory=list)          # click → ready, each visit
    instant_mounted: list[float] = field(default_factory=list)  # click → the widget's first state change
    edits: list[float] = field(default_factory=list)
    longest_task_load: float = 0.0
    long_tasks_load: int = 0
    longest_task_typing: float = 0.0
    long_tasks_typing: int = 0
    glue_script_max: float = 0.0       # longest script of assets/js/ inside a long frame
    frame_scripts: list[str] = field(default_factory=list)
    bytes: Bytes = field(default_factory=Bytes)
    repeat_ready: list[float] = field(default_factory=list)  # new tab, snapshot stored: link → ready
    problems: list[str] = field(default_factory=list)


class Bench:
    def __init__(self, browser, server: Server, figures: dict[str, PageFigures]) -> None:
        self.browser = browser
        self.server = server
        self.figures = figures
        self.calculators = CALCULATORS
        self.bare_problems: list[str] = []

    def fresh(self, cold: bool = True):
        context = self.browser.new_context(viewport=VIEWPORT)
        context.add_init_script(INIT_SCRIPT)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        if cold:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        return context, page, errors

    def wait_state(self, page, calc: Calculator, after: float = 0.0) -> tuple[str, float]:
        page.wait_for_function(READY_OR_FAILED, arg=[calc.id, after], timeout=TIMEOUT_MS, polling=POLL_MS)
        states = page.evaluate("window.__bench.states")
        state, at = next((s[1], s[2]) for s in states if s[0] == calc.id and s[1] in ("ready", "failed") and s[2] >= after)
        return state, at

    # -- guide page: bytes only ------------------------------------------------------------
    def guide_page(self) -> tuple[Bytes, list[str]]:
        context, page, errors = self.fresh()
        self.server.ledger.take()
        page.goto(self.server.url + GUIDE_PAGE, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.mouse.wheel(0, 400)  # a reader starts reading
        page.wait_for_timeout(1000)
        page.wait_for_load_state("networkidle")
        sent = self.server.ledger.take()
        context.close()
        return Bytes.of(sent), errors

    # -- cold calculator page: prerendered, ready, bytes, long tasks, typing ---------------
    def calculator_page(self, calc: Calculator, fig: PageFigures, then: Calculator) -> None:
        context, page, errors = self.fresh()
        self.server.ledger.take()
        page.goto(self.server.url + calc.page, wait_until="commit")
        state, ready_at = self.wait_state(page, calc)
        if state != "ready":
            fig.problems.append(f"cold page ended {state}")
            context.close()
            return
        # What was asked for before the result was ready; then what follows while the reader
        # already has it (the search index, which waits for the answer; the offline copy),
        # until the network is idle. By the time of the request, not of this check: the
        # search index, asked for at ready, was counted before when this check came late.
        ready_wall = (page.evaluate("performance.timeOrigin") + ready_at) / 1000
        sent = self.server.ledger.take()
        fig.bytes = Bytes.of([s for s in sent if s[3] <= ready_wall])
        page.wait_for_load_state("networkidle")
        fig.bytes_after_sent = [s for s in sent if s[3] > ready_wall] + self.server.ledger.take()
        fig.bytes_after = Bytes.of(fig.bytes_after_sent)
        bench = page.evaluate("window.__bench")
        fig.prerendered_dom = bench["outputsAt"]
        fig.fcp = bench["fcp"]
        fig.cold_ready = ready_at
        load_tasks = [d for s, d in bench["longtasks"] if s <= ready_at]
        fig.long_tasks_load = len(load_tasks)
        fig.longest_task_load = max(load_tasks, default=0.0)
        if "longtaskUnsupported" in bench:
            fig.problems.append("longtask observer unsupported: " + bench["longtaskUnsupported"])

        root = f"[data-calculator={calc.id}]"
        control = f"{root} input[name={calc.field}]"
        output = f"{root} output[data-key={calc.output}]"
        typing_from = page.evaluate("performance.now()")
        for value in calc.values:
            before = page.get_attribute(output, "data-value")
            seen = page.evaluate("window.__bench.inputs.length")
            page.fill(control, str(value))
            page.wait_for_function(
                """([root, out, before]) => { const el = document.querySelector(root);
                     return el.dataset.state === "ready" && el.querySelector(out).dataset.value !== before
                       || el.dataset.state === "invalid" || el.dataset.state === "failed"; }""",
                arg=[root, output.removeprefix(root + " "), before], timeout=TIMEOUT_MS, polling=POLL_MS)
            t0, t1 = page.evaluate(
                # The last ready since the input: an answer already on its way when the input
                # came (the focus starts one) shows the old value and does not count.
                """([calc, seen]) => { const B = window.__bench; const t0 = B.inputs[seen];
                     const r = B.states.filter((s) => s[0] === calc && s[1] === "ready" && s[2] >= t0).at(-1);
                     return [t0, r ? r[2] : null]; }""", [calc.id, seen])
            if t0 is None or t1 is None:
                fig.problems.append(f"edit {value}: no input event or no ready state")
                continue
            fig.edits.append(t1 - t0)
        bench = page.evaluate("window.__bench")
        typing_tasks = [d for s, d in bench["longtasks"] if s >= typing_from]
        fig.long_tasks_typing = len(typing_tasks)
        fig.longest_task_typing = max(typing_tasks, default=0.0)
        scripts: dict[str, float] = {}
        for frame in bench["frames"]:
            for script in frame["scripts"]:
                url = script["url"] or ""
                name = ("page HTML" if url.endswith("/") else url.rsplit("/", 1)[-1]) if url else (script["invoker"] or "?")
                scripts[name] = max(scripts.get(name, 0.0), script["duration"])
                if "/assets/js/" in (script["url"] or ""):
                    fig.glue_script_max = max(fig.glue_script_max, script["duration"])
        fig.frame_scripts = [f"{name} {ms:.0f} ms" for name, ms in
                             sorted(scripts.items(), key=lambda kv: -kv[1])[:3] if ms >= 10]
        # A reader who has used the page: its background work (the offline copy, which with
        # the HTTP cache turned off here downloads the runtime a second time) is done.
        try:
            page.wait_for_function("'offlineReady' in document.documentElement.dataset", timeout=TIMEOUT_MS, polling=POLL_MS)
        except Exception:  # noqa: BLE001 - a benchmark notes what went wrong and goes on
            fig.problems.append("the offline copy did not finish")
        page.wait_for_load_state("networkidle")
        for _ in range(INSTANT_ROUNDS):
            for to in (then, *[c for c in self.calculators if c not in (calc, then)], calc):
                self.instant(page, to, self.figures[to.id])
        fig.problems.extend(f"console: {e}" for e in errors)
        context.close()

    # -- cold link to ready ------------------------------------------------------------------
    def link(self, calc: Calculator) -> float | None:
        context, page, _ = self.fresh()
        page.goto(f"{self.server.url}{calc.page}?{calc.link}", wait_until="commit")
        state, at = self.wait_state(page, calc)
        context.close()
        return at if state == "ready" else None

    # -- bare loadPyodide() + one call on a blank page -------------------------------------
    def bare(self) -> float | None:
        result = self.blank_page("bare.html")
        if result.get("error"):
            self.bare_problems.append(f"bare load: {result['error']}")
            return None
        if result.get("net_value") != 30:  # 90 + 30 + 0 − (70 + 0 + 1 × 20) = 30
            self.bare_problems.append(f"bare call answered net_value {result.get('net_value')!r}, not 30")
        return result["at"]

    # -- stock Pyodide, full standard library, four imports: issue 16's reference -----------
    def stock(self) -> float | None:
        result = self.blank_page("stock.html")
        if result.get("error") or not result.get("ok"):
            self.bare_problems.append(f"stock load: {result}")
            return None
        return result["at"]

    def blank_page(self, name: str) -> dict:
        """What one of the benchmark's own blank pages (``__benchmark__/NAME``) reports in
        ``window.__bare`` once its worker has answered, in a cold context."""
        context, page, _ = self.fresh()
        page.goto(self.server.url + "__benchmark__/" + name, wait_until="commit")
        page.wait_for_function("window.__bare !== undefined", timeout=TIMEOUT_MS, polling=POLL_MS)
        result = page.evaluate("window.__bare")
        context.close()
        return result

    # -- repeat visit: a new tab after the first one saved the snapshot ----------------------
    def first_visit(self, calc: Calculator):
        """A first visit to ``calc``'s link in a new context (its cache on), until the page is
        ready and has saved its Python snapshot. Returns the context, the page's state and
        what the page said of the snapshot ("stored", "failed" or None)."""
        context, page, _ = self.fresh(cold=False)
        page.goto(f"{self.server.url}{calc.page}?{calc.link}", wait_until="commit")
        state, _ = self.wait_state(page, calc)
        if state == "ready":
            try:
                page.wait_for_function("document.documentElement.dataset.pythonSnapshot", timeout=TIMEOUT_MS, polling=POLL_MS)
            except Exception:  # noqa: BLE001
                pass
        return context, state, page.evaluate("document.documentElement.dataset.pythonSnapshot")

    def repeat(self, calc: Calculator) -> float | None:
        context, state, saved = self.first_visit(calc)
        if state != "ready":
            context.close()
            return None
        second = context.new_page()
        second.set_default_timeout(TIMEOUT_MS)
        second.goto(f"{self.server.url}{calc.page}?{calc.link}", wait_until="commit")
        state, at = self.wait_state(second, calc)
        started = second.evaluate("document.documentElement.dataset.pythonStart")
        context.close()
        if saved != "stored" or started != "snapshot":
            self.figures[calc.id].problems.append(f"repeat visit: snapshot {saved}, second tab started {started}")
        return at if state == "ready" else None

    def bare_repeat(self) -> float | None:
        """Like :meth:`repeat` for the value page, but the new tab is a blank page starting
        the site's worker: the snapshot path without the calculator page around it."""
        context, state, saved = self.first_visit(CALCULATORS[0])
        second = context.new_page()
        second.goto(self.server.url + "__benchmark__/site-worker.html", wait_until="commit")
        second.wait_for_function("window.__bare !== undefined", timeout=TIMEOUT_MS, polling=POLL_MS)
        result = second.evaluate("window.__bare")
        context.close()
        if state != "ready" or saved != "stored" or result.get("error") or result.get("from") != "snapshot" \
                or result.get("net_value") != 30:  # 90 + 30 + 0 − (70 + 0 + 1 × 20) = 30
            self.bare_problems.append(f"site worker on a blank page, repeat: snapshot {saved}, {result}")
            return None
        return result["at"]

    # -- main-thread blocking while a page loads: ours and plain Material's -------------------
    def blocking(self, url: str) -> tuple[float, float]:
        """Total blocking time (the part of each long task beyond 50 ms) and the longest task,
        from navigation until the network is idle and QUIET_MS more have passed."""
        context, page, _ = self.fresh()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(QUIET_MS)
        tasks = [d for _, d in page.evaluate("window.__bench.longtasks")]
        context.close()
        return sum(max(0.0, d - 50) for d in tasks), max(tasks, default=0.0)

    # -- instant navigation from calculator page to calculator page -------------------------
    def instant(self, page, to: Calculator, fig: PageFigures) -> None:
        """Click ``to``'s link in the navigation sidebar; time from the click to ``ready``."""
        origin = page.evaluate("performance.timeOrigin")
        found = page.evaluate(
            """(slug) => { const a = [...document.querySelectorAll(".md-nav a")].find(
                 (a) => a.href.endsWith("/calculators/" + slug + "/") && a.offsetParent !== null);
               if (!a) return false; a.setAttribute("data-bench-target", slug); return true; }""", to.slug)
        if not found:
            fig.problems.append(f"instant navigation: no visible sidebar link to /{to.page}")
            return
        clicks, now = page.evaluate("[window.__bench.clicks.length, performance.now()]")
        page.click(f"[data-bench-target='{to.slug}']")
        page.wait_for_function(READY_OR_FAILED, arg=[to.id, now], timeout=TIMEOUT_MS, polling=POLL_MS)
        clicked = page.evaluate("(n) => window.__bench.clicks[n]", clicks)
        if clicked is None or page.evaluate("performance.timeOrigin") != origin:
            fig.problems.append("instant navigation: a full page load happened instead")
            return
        state, at = self.wait_state(page, to, after=clicked)
        if state == "ready":
            fig.instant.append(at - clicked)
            first = page.evaluate(
                """([calc, t]) => window.__bench.states.find((s) => s[0] === calc && s[2] >= t)""", [to.id, clicked])
            if first:
                fig.instant_mounted.append(first[2] - clicked)
        else:
            fig.problems.append(f"instant navigation ended {state}")


# ---- output ------------------------------------------------------------------------------


def ms(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def size(value: int) -> str:
    if value >= MB / 10:
        return f"{value / MB:.2f} MB"
    return f"{value / 1000:.1f} kB" if value >= 1000 else f"{value} B"


def mark(ok: bool | None) -> str:
    return " " if ok is None else ("✓" if ok else "✗")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def debounce_ms() -> int:
    import re

    text = (ROOT / "docs/assets/js/widget.js").read_text()
    found = re.search(r"DEBOUNCE_MS\s*=\s*(\d+)", text)
    return int(found.group(1)) if found else 0


def machine() -> str:
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"nproc {nproc} ({model}), load average {load} at start"


def spread(values: list[float]) -> str:
    """min / median / max, the machine being shared and noisy."""
    if not values:
        return "—"
    return f"{ms(min(values))} / {ms(median(values))} / {ms(max(values))}"


def report(meta: dict[str, str], build_s: float, guide: Bytes, bare: list[float],
           figures: dict[str, PageFigures], problems: list[str], stock: list[float],
           blocking: dict[tuple[str, str], list[tuple[float, float]]], bare_repeat: list[float]) -> None:
    debounce = debounce_ms()
    input_target = 50  # issue 16: input → result ≤ 50 ms median
    bare_median = median(bare)
    stock_median = median(stock)
    width = 48
    cells = [c.slug for c in CALCULATORS]

    def row(label: str, values: list[tuple[str, bool | None]], target: str) -> None:
        line = f"{label:<{width}}" + "".join(f"{text + ' ' + mark(ok):>17}" for text, ok in values)
        print(f"{line}   {target}")

    print()
    print("Customer Value Guide: benchmark")
    for key, value in meta.items():
        print(f"  {key:<10} {value}")
    print()
    print(f"{'figure':<{width}}" + "".join(f"{name:>17}" for name in cells) + "   target")
    print("-" * (width + 17 * len(cells) + 30))
    print(f"{'build (mkdocs build --strict, 6 languages)':<{width}}{build_s:>15.1f} s")
    row("guide page /" + GUIDE_PAGE + ": bytes (gzip)", [(size(guide.total), None)], "")
    row("  of which Pyodide + wheel", [(size(guide.pyodide + guide.wheel), guide.pyodide + guide.wheel == 0)], "0")
    print()

    def per(fn, ok=None):
        out = []
        for calc in CALCULATORS:
            value = fn(figures[calc.id])
            out.append((value[0], value[1]) if isinstance(value, tuple) else (value, None))
        return out

    print(f"{'stock Pyodide: loadPyodide() + 4 imports':<{width}}{ms(stock_median):>15}"
          f"     min / median / max of {len(stock)}: {spread(stock)}")

    def over_stock(values: list[float], target: float):
        if not values or not stock_median:
            return ("—", None)
        value = median(values) / stock_median
        return (f"{value:.2f} ×", value <= target)

    row(f"link → ready ÷ stock (medians of {LINK_RUNS}, cold)", per(lambda f: over_stock(f.link_ready, 0.45)), "≤ 0.45 ×")
    row("  link → ready, min / median / max", per(lambda f: spread(f.link_ready)), "")
    row(f"repeat visit: new tab, link → ready (median of {REPEAT_RUNS})", per(lambda f: ms(median(f.repeat_ready))), "")
    row("  min / median / max", per(lambda f: spread(f.repeat_ready)), "")
    row("  ÷ stock", per(lambda f: over_stock(f.repeat_ready, 0.2)), "≤ 0.20 ×")
    if bare_repeat:
        print(f"{'  the same, site worker on a blank page':<{width}}{ms(median(bare_repeat)):>15}"
              f"     {over_stock(bare_repeat, 0.2)[0]} stock; min / median / max of {len(bare_repeat)}: {spread(bare_repeat)}"
              "   (information: the page's own share)")
    print()
    row("prerendered result (nav → outputs in DOM)", per(lambda f: ms(f.prerendered_dom)), "")
    row("  first contentful paint", per(lambda f: ms(f.fcp)), "")
    row("cold page → ready (no link)", per(lambda f: ms(f.cold_ready)), "")
    row(f"link → ready (median of {LINK_RUNS}, cold)", per(lambda f: ms(median(f.link_ready))), "")
    print(f"{f'site runtime, bare worker + 1 call (median of {LINK_RUNS})':<{width}}{ms(bare_median):>15}"
          f"     runs: {', '.join(ms(b) for b in bare) or '—'}")

    def ratio(f: PageFigures):
        link = median(f.link_ready)
        if link is None or not bare_median:
            return ("—", None)
        value = link / bare_median
        return (f"{value:.2f}", value <= 1.2)

    row("  (runs)", per(lambda f: "/".join(f"{t / 1000:.1f}" for t in f.link_ready) + " s"), "")
    row("link → ready ÷ site runtime in a bare worker", per(ratio), "≤ 1.20 (issue 4)")

    def best_ratio(f: PageFigures):
        if not f.link_ready or not bare:
            return "—"
        return f"{min(f.link_ready) / min(bare):.2f}"

    row("  (fastest link ÷ fastest bare)", per(best_ratio), "")
    row(f"instant navigation to the page: click→ready, median of {len(CALCULATORS) * INSTANT_ROUNDS}", per(
        lambda f: (ms(median(f.instant)), None if not f.instant else median(f.instant) <= 100)), "≤ 100 ms")
    row("  (min / max)", per(lambda f: f"{min(f.instant):.0f}/{max(f.instant):.0f} ms" if f.instant else "—"), "")
    row("  (click → new widget's first state, median)", per(lambda f: ms(median(f.instant_mounted))), "")
    row(f"input → result, median of {EDITS} edits", per(
        lambda f: (ms(median(f.edits)), None if not f.edits else median(f.edits) <= input_target)),
        f"≤ {input_target} ms (debounce {debounce} ms)")
    row("  (min / max)", per(lambda f: f"{min(f.edits):.0f}/{max(f.edits):.0f} ms" if f.edits else "—"), "")
    # Any script's: at load these are Material's bundle starting up (named below). The issue's
    # target is for the calculator's own script, two rows down.
    row("longest main-thread task, page load (any script)", per(lambda f:
        ms(f.longest_task_load) if f.long_tasks_load else "none"), "(information)")
    row("  long tasks during load", per(lambda f: str(f.long_tasks_load)), "")
    row("longest main-thread task, typing", per(lambda f: (
        ms(f.longest_task_typing) if f.long_tasks_typing else "none", f.long_tasks_typing == 0)), "none > 50 ms")
    row("longest calculator script in a long frame", per(
        lambda f: (ms(f.glue_script_max), f.glue_script_max <= 50)), "none > 50 ms")
    row("bytes, cold page until ready (gzip)", per(
        lambda f: (size(f.bytes.total), None if not f.bytes.total else f.bytes.total <= 4.5 * MB)), "≤ 4.50 MB")
    row("  of which Pyodide", per(lambda f: f"{size(f.bytes.pyodide)} {100 * f.bytes.pyodide / (f.bytes.total or 1):.0f}%"), "")
    row("  of which calculators wheel", per(lambda f: size(f.bytes.wheel)), "")
    row("  requests", per(lambda f: str(f.bytes.requests)), "")
    row("bytes after ready, until the network is idle", per(lambda f: f"{size(f.bytes_after.total)} ({f.bytes_after.requests})"), "")
    print()
    if blocking:
        print(f"main-thread blocking while a page loads (sum of long tasks beyond 50 ms, until the network is idle + {QUIET_MS} ms;"
              f" min / median / max of {BLOCKING_RUNS}, cold)")
        for path in BLOCKING_PAGES:
            ours = [t for t, _ in blocking.get((path, "ours"), [])]
            plain = [t for t, _ in blocking.get((path, "plain"), [])]
            ok = None if not ours or not plain else median(ours) <= median(plain)
            longest = max((m for _, m in blocking.get((path, "ours"), [])), default=0.0)
            print(f"  /{path:<30} ours {spread(ours):>24} {mark(ok)}   plain Material {spread(plain):>24}"
                  f"   (our longest task {ms(longest)})   target: no worse than plain")
        print()
    first = figures[CALCULATORS[0].id]
    if first.bytes.pyodide_files:
        parts = ", ".join(f"{name} {size(n)}" for name, n in sorted(first.bytes.pyodide_files.items(), key=lambda kv: -kv[1]))
        print(f"Pyodide files sent for /{CALCULATORS[0].page} (gzip): {parts}")
    if first.bytes_after_sent:
        after = sorted(first.bytes_after_sent, key=lambda sent: -sent[1])[:6]
        print(f"after ready, /{CALCULATORS[0].page}: " + ", ".join(f"{path} {size(n)}" for path, n, *_ in after))
    for calc in CALCULATORS:
        if figures[calc.id].frame_scripts:
            print(f"scripts in long animation frames, /{calc.page}: {'; '.join(figures[calc.id].frame_scripts)}")
    print("MB = 10^6 bytes; bytes are response bodies as sent by the gzip server (level "
          f"{GZIP_LEVEL}; everything but images and fonts is gzipped, .zip/.whl included).")
    print("Calculator script = docs/assets/js/*.js, as the Long Animation Frames API attributes "
          "scripts (load and typing); long tasks themselves carry no script attribution.")
    print("Times are performance.now() in the page (origin: navigation start); ready = data-state "
          "change seen by a MutationObserver.")
    all_problems = problems + [f"{c.slug}: {p}" for c in CALCULATORS for p in figures[c.id].problems]
    if all_problems:
        print("\nproblems seen:")
        for problem in all_problems:
            print("  - " + problem)


_T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"[benchmark {time.perf_counter() - _T0:5.0f} s] {message}", file=sys.stderr, flush=True)


def plain_material(workdir: Path, port: int) -> Path | None:
    """The English Markdown built with Material alone: our navigation, theme features, palette
    and Markdown extensions, none of our plugins, hooks, macros, overrides, CSS or scripts (a
    macro stays as its text). Returns the site.

    The same navigation matters: Material's bundle sets up every entry of the sidebar while a
    page loads, so a build without it would be compared with less work than ours does."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # !ENV stays a string
    docs = workdir / "plain-docs"
    shutil.copytree(ROOT / "docs/en", docs)
    theme = config["theme"]
    plain = {
        "site_name": config["site_name"],
        "site_url": f"http://127.0.0.1:{port}/",
        "docs_dir": str(docs),
        "theme": {"name": "material", "font": False, "features": theme["features"], "palette": theme["palette"]},
        "nav": config["nav"],
        "markdown_extensions": config["markdown_extensions"],
    }
    (workdir / "plain.yml").write_text(yaml.safe_dump(plain))
    site = workdir / "plain-site"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(workdir / "plain.yml"), "--site-dir", str(site)],
                           cwd=workdir, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    return site if build.returncode == 0 else None


def main() -> int:
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    machine_info = machine()
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="cvg-benchmark-"))
    site = workdir / "site"
    problems: list[str] = []
    try:
        log(f"building into {site} for http://127.0.0.1:{port}/ …")
        env = dict(os.environ, SITE_URL=f"http://127.0.0.1:{port}/", NO_MKDOCS_2_WARNING="1")
        t0 = time.perf_counter()
        build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        build_s = time.perf_counter() - t0
        if build.returncode != 0:
            print("build failed; no figures.\n" + build.stdout[-3000:] + build.stderr[-3000:])
            return 0

        versions = sorted(p.name for p in (site / "assets/pyodide").iterdir() if p.is_dir())
        wheels = sorted(site.glob("assets/calculators/*/*.whl"))
        pyodide_url = f"http://127.0.0.1:{port}/assets/pyodide/{versions[-1]}/"
        wheel_url = f"http://127.0.0.1:{port}/{wheels[-1].relative_to(site).as_posix()}"
        bare_dir = site / "__benchmark__"
        bare_dir.mkdir()
        message = {"pyodide": pyodide_url, "wheel": wheel_url, "request": BARE_REQUEST}
        (bare_dir / "bare.html").write_text(BARE_HTML % json.dumps(message))
        (bare_dir / "bare-worker.js").write_text(BARE_WORKER)
        worker_message = {"worker": f"http://127.0.0.1:{port}/assets/js/calculator-worker.js", "request": BARE_REQUEST,
                          "urls": {"pyodide": pyodide_url, "wheel": wheel_url}}
        (bare_dir / "site-worker.html").write_text(SITE_WORKER_HTML % json.dumps(worker_message))
        (bare_dir / "stock.html").write_text(STOCK_HTML)
        (bare_dir / "stock-worker.js").write_text(STOCK_WORKER)
        (bare_dir / "stock").mkdir()
        for name in STOCK_FILES:
            shutil.copyfile(ROOT / "node_modules/pyodide" / name, bare_dir / "stock" / name)
        log(f"built in {build_s:.1f} s; plain Material build of the same Markdown …")
        plain_port = free_port()
        plain_site = plain_material(workdir, plain_port)
        if plain_site is None:
            problems.append("the plain Material build failed")
        log("compressing …")
        prewarm(site)
        server = Server(site, port)
        plain_server = Server(plain_site, plain_port) if plain_site else None

        figures = {c.id: PageFigures() for c in CALCULATORS}
        bare: list[float] = []
        stock: list[float] = []
        bare_repeat: list[float] = []
        blocking: dict[tuple[str, str], list[tuple[float, float]]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bench = Bench(browser, server, figures)
            log("guide page …")
            guide, guide_errors = bench.guide_page()
            problems.extend(f"guide page console: {e}" for e in guide_errors)
            for n, calc in enumerate(CALCULATORS):
                then = CALCULATORS[(n + 1) % len(CALCULATORS)]
                log(f"cold page, {EDITS} edits, then instant navigation round the calculators: /{calc.page} …")
                bench.calculator_page(calc, figures[calc.id], then)
            for run in range(LINK_RUNS):
                log(f"links, stock and bare load, run {run + 1}/{LINK_RUNS} …")
                at = bench.stock()
                if at is None:
                    problems.append("stock load failed")
                else:
                    stock.append(at)
                at = bench.bare()
                if at is None:
                    problems.append("bare load failed")
                else:
                    bare.append(at)
                for calc in CALCULATORS:
                    at = bench.link(calc)
                    if at is None:
                        figures[calc.id].problems.append("link did not reach ready")
                    else:
                        figures[calc.id].link_ready.append(at)
            for run in range(REPEAT_RUNS):
                log(f"repeat visits, run {run + 1}/{REPEAT_RUNS} …")
                for calc in CALCULATORS:
                    at = bench.repeat(calc)
                    if at is None:
                        figures[calc.id].problems.append("repeat visit did not reach ready")
                    else:
                        figures[calc.id].repeat_ready.append(at)
                at = bench.bare_repeat()
                if at is not None:
                    bare_repeat.append(at)
            if plain_server:
                for run in range(BLOCKING_RUNS):
                    log(f"main-thread blocking, ours and plain Material, run {run + 1}/{BLOCKING_RUNS} …")
                    for path in BLOCKING_PAGES:
                        for name, url in (("ours", server.url), ("plain", plain_server.url)):
                            blocking.setdefault((path, name), []).append(bench.blocking(url + path))
            problems.extend(bench.bare_problems)
            chromium_version = browser.version
            browser.close()
        server.close()
        if plain_server:
            plain_server.close()
        meta = {
            "Pyodide": versions[-1],
            "machine": machine_info,
            "browser": f"headless Chromium {chromium_version}",
            "date": time.strftime("%Y-%m-%d %H:%M"),
        }
        report(meta, build_s, guide, bare, figures, problems, stock, blocking, bare_repeat)
        print(f"\n(benchmark ran in {time.perf_counter() - started:.0f} s)")
    except Exception as error:  # a benchmark reports, it does not fail
        import traceback

        traceback.print_exc()
        print(f"benchmark stopped early: {error!r}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
