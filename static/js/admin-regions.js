// On a narrow screen Django's admin lets a wide table of rows (a tabular inline, a change
// list's results) scroll sideways in its box. A box that scrolls must be reachable by keyboard
// (WCAG 2.1.1), so each one that scrolls is given a tab stop and its heading as its name, and
// loses them when it no longer scrolls. The empty header cell above each row's saved record is
// named for a screen reader too.
(function () {
  function mark() {
    document.querySelectorAll(".inline-group, #changelist-form .results").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var heading = box.querySelector("h2");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", heading ? heading.textContent.trim() : "Rows");
        box.dataset.scrolls = "yes";
      } else if (!scrolls && box.dataset.scrolls === "yes") {
        ["tabindex", "role", "aria-label", "data-scrolls"].forEach(function (name) {
          box.removeAttribute(name);
        });
      }
    });
    document.querySelectorAll("th.original:empty").forEach(function (cell) {
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = "Saved record";
      cell.appendChild(name);
    });
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
