// The workshop pages: the scenario library's QR codes and the room comparison. Loaded on every
// page (instant navigation may bring either one in), they do nothing where neither is found.
import { fillScenarioCodes } from "./share.js";
import "./compare.js";

function mount() {
  fillScenarioCodes(document);
}

if (window.document$) window.document$.subscribe(mount);
else document.addEventListener("DOMContentLoaded", mount);
