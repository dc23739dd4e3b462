// Outpatient visit screen: ICD and service pickers fill the form; the conclusion shows the fields of the chosen ending.
function vnemrPickIcd(button) {
  var field = document.getElementById(button.dataset.field);
  if (button.dataset.field === 'secondaryCodes') {
    var codes = field.value.split(/[\s,;]+/).filter(function (c) { return c; });
    if (codes.indexOf(button.dataset.code) < 0) { codes.push(button.dataset.code); }
    field.value = codes.join(', ');
  } else {
    field.value = button.dataset.code;
    var shown = document.getElementById('mainCode-display');
    if (shown) { shown.textContent = button.dataset.display; }
    var text = document.getElementById('mainText');
    if (text && !text.value) { text.value = button.dataset.display; }
  }
  button.parentElement.innerHTML = '';
  field.focus();
}

function vnemrAddService(button) {
  var body = document.getElementById('order-lines-body');
  var already = body.querySelector('input[name="serviceCode"][value="' + button.dataset.code + '"]');
  if (already) { return; }
  var row = document.createElement('tr');
  var cell = document.createElement('td');
  var code = document.createElement('input');
  code.type = 'hidden'; code.name = 'serviceCode'; code.value = button.dataset.code;
  cell.appendChild(code);
  cell.appendChild(document.createTextNode(button.dataset.code + ' — ' + button.dataset.name));
  var qtyCell = document.createElement('td');
  var qty = document.createElement('input');
  qty.type = 'number'; qty.name = 'quantity'; qty.min = '1'; qty.max = '100'; qty.value = '1'; qty.className = 'qty';
  qtyCell.appendChild(qty);
  var removeCell = document.createElement('td');
  var remove = document.createElement('button');
  remove.type = 'button'; remove.className = 'secondary'; remove.textContent = '✕';
  remove.setAttribute('data-remove-row', '');
  removeCell.appendChild(remove);
  row.appendChild(cell); row.appendChild(qtyCell); row.appendChild(removeCell);
  body.appendChild(row);
}

function vnemrDisposition(value) {
  ['revisit', 'referral', 'admission'].forEach(function (part) {
    var el = document.getElementById('part-' + part);
    if (el) { el.classList.toggle('shown', part === value); }
  });
}

// after a page load or an htmx swap, show the parts of the ending already chosen
function vnemrShowChosenDisposition() {
  var chosen = document.querySelector('input[name="disposition"]:checked');
  if (chosen) { vnemrDisposition(chosen.value); }
}
document.addEventListener('DOMContentLoaded', vnemrShowChosenDisposition);
document.addEventListener('htmx:afterSwap', vnemrShowChosenDisposition);
vnemrShowChosenDisposition();

// The Content-Security-Policy allows no inline handlers: the pickers and the ending choice are wired here.
document.addEventListener('click', function (event) {
  var icd = event.target.closest('.icd-pick');
  if (icd) { vnemrPickIcd(icd); return; }
  var service = event.target.closest('.service-pick');
  if (service) { vnemrAddService(service); }
});
document.addEventListener('change', function (event) {
  if (event.target.name === 'disposition') { vnemrDisposition(event.target.value); }
});
