// Starts GOV.UK Frontend's components (the service navigation's menu on small screens, error summaries' focus). Every
// page works without it: the portal renders on the server and its forms are plain forms.
import { initAll } from '/govuk/govuk-frontend.min.js';
initAll();
