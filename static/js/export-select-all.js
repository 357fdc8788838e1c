// The admin export page's "Select all" toggle (django-import-export's own handler), bound here
// because the Content-Security-Policy allows no onchange attributes.
document.addEventListener("change", function (event) {
  if (event.target.matches("input.select-toggle") && window.onSelectToggleChange) {
    window.onSelectToggleChange(event);
  }
});
