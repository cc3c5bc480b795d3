// The workshop pages: the scenario library's QR codes and the room comparison. This small
// module is on every page (instant navigation may bring either one in); the code itself is
// imported only when a page that needs it is shown, so that the home page and the chapters
// neither download nor parse it. (compare.js mounts itself on this and every later page.)
function mount() {
  if (document.querySelector("[data-qr-for]")) {
    import("./share.js").then(({ fillScenarioCodes }) => fillScenarioCodes(document));
  }
  if (document.querySelector("[data-compare]")) import("./compare.js");
}

if (window.document$) window.document$.subscribe(mount);
else document.addEventListener("DOMContentLoaded", mount);
