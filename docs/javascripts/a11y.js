// Names for landmarks the theme leaves unnamed, so screen-reader users can tell them apart
// (axe-core rules aria-dialog-name and landmark-unique; checked in tests/test_browser.py).
// Code cells of the notebook page scroll sideways: make them reachable by keyboard
// (scrollable-region-focusable). Material emits document$ on every (instant) page load.
document$.subscribe(() => {
  document.querySelector(".md-search")?.setAttribute("aria-label", "Search");
  document.querySelectorAll(".md-code__nav").forEach((nav, index) => {
    nav.setAttribute("aria-label", `Code block ${index + 1} actions`);
  });
  document.querySelectorAll(".jupyter-wrapper .highlight-ipynb").forEach((cell) => {
    cell.tabIndex = 0;
  });
});
