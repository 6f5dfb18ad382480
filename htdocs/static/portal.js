/* Flexportal — progressive enhancement: collapsible menu on narrow
   screens, focus on the first refused form field, "all" for ticked
   lists, and the place in a long planning kept while a shift is planned.
   Every page works without it. */
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

  /* A box that ticks or clears every box of its list (data-all="name"). */
  Array.prototype.forEach.call(document.querySelectorAll('[data-all]'), function (holder) {
    var name = holder.getAttribute('data-all');
    var form = holder.closest('form');
    var boxes = form ? form.querySelectorAll('input[type="checkbox"][name="' + name + '"]') : [];
    if (!boxes.length) {
      return;
    }
    var label = document.createElement('label');
    var all = document.createElement('input');
    all.type = 'checkbox';
    label.appendChild(all);
    label.appendChild(document.createTextNode(' ' + holder.getAttribute('data-label')));
    holder.appendChild(label);
    all.addEventListener('change', function () {
      Array.prototype.forEach.call(boxes, function (b) { b.checked = all.checked; });
    });
  });

  /* Back from planning a shift, the week view opens where it was left. */
  var keep = document.querySelector('[data-keep-scroll]');
  if (keep && window.sessionStorage) {
    var unit = /[?&]unit=(\d+)/.exec(location.search);
    var key = 'scroll:' + location.pathname + (unit ? unit[1] : '');
    var at = sessionStorage.getItem(key);
    if (at !== null) {
      sessionStorage.removeItem(key);
      window.scrollTo(0, parseInt(at, 10) || 0);
    }
    keep.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('a')) {
        sessionStorage.setItem(key, String(window.scrollY));
      }
    });
  }

  /* After publishing or a bulk approval: each count of the panel
   * (data-count) as the back-office works, from the JSON route in
   * data-progress, every two seconds while any wait (for ten minutes at
   * most). Without script the note says to reload. */
  var progress = document.querySelector('[data-progress]');
  var note = progress && progress.querySelector('[data-progress-note]');
  if (progress && note && window.fetch) {
    var tries = 0;
    var failures = 0;
    var stop = function () {
      note.textContent = note.getAttribute('data-reload') || note.textContent;
    };
    var show = function (data) {
      Array.prototype.forEach.call(progress.querySelectorAll('[data-count]'), function (el) {
        var v = data[el.getAttribute('data-count')];
        if (typeof v === 'number' && el.textContent !== String(v)) {
          el.textContent = String(v);
        }
      });
      note.textContent = note.getAttribute(data.waiting > 0 ? 'data-live' : 'data-finished');
      return data.waiting > 0;
    };
    var poll = function () {
      fetch(progress.getAttribute('data-progress'), {
        credentials: 'same-origin', headers: { Accept: 'application/json' }
      }).then(function (res) {
        if (!res.ok) {
          throw new Error(String(res.status));
        }
        return res.json();
      }).then(function (data) {
        failures = 0;
        if (show(data)) {
          if (++tries < 300) {
            setTimeout(poll, 2000);
          } else {
            stop();
          }
        }
      }).catch(function () {
        /* A moment's trouble is tried again; a lasting one says reload. */
        if (++failures < 3 && ++tries < 300) {
          setTimeout(poll, 4000);
        } else {
          stop();
        }
      });
    };
    if (progress.querySelector('[data-count="waiting"]').textContent !== '0') {
      note.setAttribute('data-reload', note.textContent);
      note.textContent = note.getAttribute('data-live');
      setTimeout(poll, 1000);
    }
  }

  var invalid = document.querySelector(
    '.field.has-error input:not([type="hidden"]), ' +
    '.field.has-error select, .field.has-error textarea');
  if (invalid) {
    invalid.focus();
  }
}());
