/*
 * Live LIX in the page editor's Checks panel: while the editor types, the title,
 * summary and body text are sent to the admin's LIX endpoint and the panel updated.
 * The saved draft's score is rendered by the server; this only keeps it current.
 */
(function () {
  'use strict';

  var DELAY_MS = 1200;
  var timer = null;

  function panel() {
    return document.querySelector('[data-enkanal-lix]');
  }

  function fieldText(selector) {
    var field = document.querySelector(selector);
    return field ? field.value : '';
  }

  function bodyText() {
    var body = document.querySelector('[data-contentpath="body"]');
    if (!body) {
      return '';
    }
    var parts = [];
    body.querySelectorAll('.public-DraftEditor-content, input[type="text"], textarea').forEach(
      function (node) {
        var text = node.isContentEditable ? node.innerText : node.value;
        if (text && text.trim()) {
          parts.push(text.trim());
        }
      },
    );
    return parts.join('\n');
  }

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : '';
  }

  function render(result) {
    var root = panel();
    if (!root) {
      return;
    }
    var score = root.querySelector('[data-enkanal-lix-score]');
    var label = root.querySelector('[data-enkanal-lix-label]');
    var warning = root.querySelector('[data-enkanal-lix-live-warning]');
    if (score) {
      score.textContent = result.words ? result.score : '–';
    }
    if (label) {
      label.textContent = result.words ? result.label : '';
    }
    if (warning) {
      warning.hidden = !result.over_threshold;
    }
  }

  function update() {
    var root = panel();
    if (!root || !root.dataset.enkanalLixUrl) {
      return;
    }
    var text = [fieldText('#id_title'), fieldText('#id_summary'), bodyText()].join('\n');
    fetch(root.dataset.enkanalLixUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken() },
      body: JSON.stringify({ text: text }),
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        if (result) {
          render(result);
        }
      })
      .catch(function () {
        /* The saved draft's score stays shown. */
      });
  }

  document.addEventListener('input', function (event) {
    if (!event.target.closest || !event.target.closest('form')) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DELAY_MS);
  });
})();
