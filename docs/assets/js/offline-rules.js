// What is kept for offline use, and where: one module for the service worker (docs/sw.js,
// registered as a module worker) and the page's side (offline.js), which fills the same caches
// ahead of time. The build's cache headers (sitebuild/workshop.py VERSIONED_PREFIXES) name the
// same versioned folders; a test compares the two.

// Runtime files (Pyodide, the calculators' wheel): under versioned paths, never changed once
// published, so served from the cache first and kept until a newer runtime replaces them.
export const RUNTIME_CACHE = "cv-runtime";
// Everything else (pages, the guide's scripts and styles): the network first, the kept copy
// only when the network does not answer.
export const PAGES_CACHE = "cv-pages";
// Site-relative folders whose names carry a version or a digest.
export const VERSIONED_PREFIXES = ["assets/pyodide/", "assets/calculators/"];

const VERSIONED = new RegExp("/(" + VERSIONED_PREFIXES.map((p) => p.replaceAll("/", "\\/")).join("|") + ")[^/]+/");

// Whether a URL (or its path) is a runtime file under a versioned folder.
export function isVersioned(url) {
  return VERSIONED.test(new URL(url, "http://site/").pathname);
}

// The cache a file is kept in.
export function cacheFor(url) {
  return isVersioned(url) ? RUNTIME_CACHE : PAGES_CACHE;
}
