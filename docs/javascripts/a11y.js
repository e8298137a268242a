// Names for landmarks the theme leaves unnamed, so screen-reader users can tell them apart
// (axe-core rules aria-dialog-name and landmark-unique; checked in tests/test_browser.py).
// Code cells of the notebook page scroll sideways: make them reachable by keyboard
// (scrollable-region-focusable). Material emits document$ on every (instant) page load.
//
// Material sets up a code block when it first comes into view (content.lazy in mkdocs.yml): it
// adds the block's buttons, in a <nav>, which is named here as it appears, by its block's place;
// and, where there is a pointer that hovers, it lets the keyboard reach the block if it scrolls
// sideways. Until then, each block is reachable (tabindex 0, as Material gives one that
// scrolls), so a keyboard user can get to any of them; Material keeps that only if it scrolls.
let watching;
document$.subscribe(() => {
  document.querySelector(".md-search")?.setAttribute("aria-label", "Search");
  const blocks = [...document.querySelectorAll(".md-content pre")];
  const name = () => {
    document.querySelectorAll(".md-code__nav:not([aria-label])").forEach((nav) => {
      nav.setAttribute("aria-label", `Code block ${blocks.indexOf(nav.closest("pre")) + 1} actions`);
    });
  };
  name();
  watching?.disconnect();
  watching = new MutationObserver(name);
  watching.observe(document.querySelector(".md-content") ?? document.body, {
    childList: true,
    subtree: true,
  });
  if (matchMedia("(hover)").matches) {
    blocks.forEach((pre) => {
      const code = pre.querySelector(":scope > code");
      if (code && !pre.querySelector(":scope > .md-code__nav")) code.tabIndex = 0;
    });
  }
  document.querySelectorAll(".jupyter-wrapper .highlight-ipynb").forEach((cell) => {
    cell.tabIndex = 0;
  });
});
