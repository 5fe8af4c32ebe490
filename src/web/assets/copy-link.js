// Copy buttons on the verification page. The page never depends on this script: without it
// the buttons stay hidden and the read-only fields are selected and copied by hand. It is a
// file of its own because the content security policy allows no inline script.
(function () {
  'use strict';

  function copy(field) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(field.value);
    // Plain http on another host has no Clipboard API: fall back to selecting and copying.
    field.focus();
    field.select();
    return document.execCommand('copy')
      ? Promise.resolve()
      : Promise.reject(new Error('copy refused'));
  }

  document.querySelectorAll('[data-copy-action]').forEach(function (action) {
    var button = action.querySelector('[data-copy-target]');
    var status = action.querySelector('[role="status"]');
    var field = button && document.getElementById(button.getAttribute('data-copy-target'));
    if (!field || !status) return;
    action.hidden = false;
    button.addEventListener('click', function () {
      copy(field).then(
        function () {
          status.textContent = 'Copied.';
        },
        function () {
          field.focus();
          field.select();
          status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
        },
      );
    });
  });
})();
