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

// The Content-Security-Policy allows no inline handlers, so small page behaviours are declared with data attributes:
// data-autosubmit (a select that submits its form when changed), data-remove-row (a button that removes its table
// row), data-set-field / data-set-value (a button that sets a hidden field before its form is sent).
document.addEventListener('change', function (event) {
  if (event.target.hasAttribute && event.target.hasAttribute('data-autosubmit') && event.target.form) {
    event.target.form.submit();
  }
});
document.addEventListener('click', function (event) {
  var remove = event.target.closest && event.target.closest('[data-remove-row]');
  if (remove) { remove.closest('tr').remove(); return; }
  var setter = event.target.closest && event.target.closest('[data-set-field]');
  if (setter) {
    var field = document.getElementById(setter.getAttribute('data-set-field'));
    if (field) { field.value = setter.getAttribute('data-set-value'); }
  }
});
