// Progressive enhancement only: every page works without this script.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// "Print this page" buttons (data-module="app-print", shown only when this script can run: see
// portal.scss); the page says how to print without them.
for (const button of document.querySelectorAll('[data-module="app-print"]')) {
  button.addEventListener("click", () => window.print());
}
