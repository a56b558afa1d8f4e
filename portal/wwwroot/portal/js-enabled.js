// GOV.UK Frontend styles its components for scripts only when the body says scripts run (its template does this inline;
// the Content-Security-Policy allows no inline script, so it is a file of its own, loaded first in the body).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
