// Every htmx request carries the session's anti-forgery token (SessionGuard refuses state changes without it).
document.addEventListener('htmx:configRequest', function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers['X-CSRF-Token'] = meta.content; }
});
// Answers with an error status still replace the target (forms re-rendered with the errors next to the fields).
document.addEventListener('htmx:beforeSwap', function (event) {
  if (event.detail.xhr.status === 422 || event.detail.xhr.status === 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
