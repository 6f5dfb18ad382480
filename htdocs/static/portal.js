/* Flexportal — progressive enhancement: collapsible menu on narrow
   screens and focus on the first refused form field. */
(function () {
  'use strict';

  var toggle = document.querySelector('.menu-toggle');
  var nav = document.getElementById('mainnav');

  if (toggle && nav && window.matchMedia) {
    var narrow = window.matchMedia('(max-width: 47.9375em)');

    var setOpen = function (open) {
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    };

    var sync = function () {
      toggle.hidden = !narrow.matches;
      setOpen(false);
    };

    toggle.addEventListener('click', function () {
      setOpen(toggle.getAttribute('aria-expanded') !== 'true');
    });

    document.addEventListener('keydown', function (e) {
      if ((e.key === 'Escape' || e.key === 'Esc') && !toggle.hidden &&
          toggle.getAttribute('aria-expanded') === 'true') {
        setOpen(false);
        toggle.focus();
      }
    });

    if (narrow.addEventListener) {
      narrow.addEventListener('change', sync);
    } else if (narrow.addListener) {
      narrow.addListener(sync);
    }
    sync();
  }

  var invalid = document.querySelector(
    '.field.has-error input:not([type="hidden"]), ' +
    '.field.has-error select, .field.has-error textarea');
  if (invalid) {
    invalid.focus();
  }
}());
