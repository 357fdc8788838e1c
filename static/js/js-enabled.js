// Marks the body before it is drawn, as GOV.UK Frontend's template does inline (CSP allows no inline scripts).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
