// The meeting's pack builds, fetched again while one is queued or running: the rest of the
// admin page (and anything typed into it) is left alone.
(function () {
  "use strict";
  function poll() {
    var list = document.getElementById("pack-builds");
    if (!list || !list.dataset.refresh) {
      return;
    }
    window.setTimeout(function () {
      fetch(list.dataset.source, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html").getElementById("pack-builds");
          if (next) {
            list.replaceWith(next);
          }
          poll();
        })
        .catch(poll);
    }, Number(list.dataset.refresh) * 1000);
  }
  poll();
})();
