// Postroom console: the only script the pages load (the Content-Security-Policy allows no other).
// Every page works without it; it adds the copy buttons beside DNS records and settings.
(function () {
  'use strict';

  // Copy the text of the element a [data-copy] button names. navigator.clipboard exists only in
  // secure contexts (https or localhost); a console reached over plain http on the LAN falls back
  // to a selected, off-screen textarea and execCommand.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.appendChild(area);
    area.select();
    var copied = document.execCommand('copy');
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  function announce(message) {
    var status = document.getElementById('copy-status');
    if (status) {
      status.textContent = message;
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    var label = button.getAttribute('data-label') || button.textContent;
    button.setAttribute('data-label', label);
    copyText(source.textContent.trim()).then(function () {
      button.textContent = 'Copied';
      button.classList.add('copied');
      announce('Copied to the clipboard');
    }, function () {
      button.textContent = 'Select and copy';
      announce('Copying is not allowed here; select the text and copy it');
    });
    window.setTimeout(function () {
      button.textContent = label;
      button.classList.remove('copied');
    }, 2000);
  });

  // Copy buttons stay hidden until this script runs, so pages without it show no dead buttons.
  document.documentElement.classList.add('js');
})();
