// The 903 upload's progress: the form still posts without this script; with it, the same post goes by XMLHttpRequest so its
// upload progress can be shown (fetch has none). The answer is followed as the browser would: to the findings, or the page
// with the errors the service named.
(function () {
  var form = document.querySelector('form[data-progress]');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var box = document.getElementById(form.getAttribute('data-progress'));
  var bar = box.querySelector('progress');
  var status = box.querySelector('[role=status]');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    box.hidden = false;
    var request = new XMLHttpRequest();
    request.open('POST', form.getAttribute('action') || window.location.pathname);
    request.upload.addEventListener('progress', function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.round(100 * progress.loaded / progress.total);
      bar.value = percent;
      status.textContent = percent < 100 ? 'Uploaded ' + percent + '%' : 'Uploaded: the service is checking the files against the DfE rules';
    });
    request.addEventListener('load', function () {
      if (request.status < 300 && request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
        return;
      }
      // The page again, with what the service refused beside its box.
      var page = new DOMParser().parseFromString(request.responseText, 'text/html');
      document.title = page.title;
      document.querySelector('main').replaceWith(page.querySelector('main'));
      var summary = document.querySelector('.govuk-error-summary');
      if (summary) { summary.setAttribute('tabindex', '-1'); summary.focus(); }
    });
    request.addEventListener('error', function () {
      status.textContent = 'The upload did not reach the portal. Check the connection and try again.';
      button.disabled = false;
    });
    request.send(new FormData(form));
  });
})();
