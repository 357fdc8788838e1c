// Starts GOV.UK Frontend's components. Its module's address comes from the page, so that the
// hashed name the static files storage gives it is the one loaded.
const source = document.querySelector("script[data-govuk-frontend]");
import(source.getAttribute("data-govuk-frontend")).then(function (frontend) {
  frontend.initAll();
});
