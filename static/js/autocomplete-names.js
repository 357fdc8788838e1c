// Django's autocomplete boxes (Select2) are named by the choice shown in them, so an empty one
// has no name for a screen reader. Each box takes its field's label instead, which stays when
// a choice is made or cleared. Select2 draws its boxes from a jQuery "ready" handler, which may
// run after the page's load event, and again for rows added to an inline: so the boxes are
// named whenever the page's elements change, not at one moment.
(function () {
  function nameBoxes() {
    document.querySelectorAll(".select2-selection__rendered[id^='select2-']").forEach(function (box) {
      if (box.hasAttribute("aria-label")) return;
      var field = box.id.replace(/^select2-/, "").replace(/-container$/, "");
      var label = document.querySelector("label[for='" + field + "']");
      if (label) box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    });
  }
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    Promise.resolve().then(function () { pending = false; nameBoxes(); });
  }
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("load", nameBoxes);
})();
