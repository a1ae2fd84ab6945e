// Runs GOV.UK Frontend's components; kept out of the page so the Content-Security-Policy needs no inline script.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
