// Django's autocomplete boxes (Select2) are named by the choice shown in them, so an empty one
// has no name for a screen reader. Each box takes its field's label instead, which stays when
// a choice is made or cleared; rows added to an inline get theirs too.
(function () {
  function nameBoxes() {
    document.querySelectorAll(".select2-selection__rendered[id^='select2-']").forEach(function (box) {
      if (box.hasAttribute("aria-label")) return;
      var field = box.id.replace(/^select2-/, "").replace(/-container$/, "");
      var label = document.querySelector("label[for='" + field + "']");
      if (label) box.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    });
  }
  window.addEventListener("load", nameBoxes);
  document.addEventListener("formset:added", function () { setTimeout(nameBoxes, 0); });
})();
