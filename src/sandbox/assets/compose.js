/*
 * The space page's composer: who is writing (kept in the address as ?as= and in localStorage),
 * replying in a thread, and sending without a reload. Exposes window.SandboxCompose for
 * space.js, which draws the messages and posts card presses as the same person. The page's plain
 * forms remain for browsers without script.
 */
(function () {
  'use strict';
  var list = document.getElementById('messages');
  var composer = document.getElementById('composer');
  var asSelect = document.getElementById('as');
  if (!list || !composer || !asSelect) return;

  /** What space.js uses; it replaces `sent` to look for new messages after a send. */
  var api = { sent: function () {} };

  var byId = function (id) {
    return document.getElementById(id);
  };
  var textarea = byId('text');
  var parentInput = byId('parent-id');
  var sendButton = byId('send');
  var composerError = byId('composer-error');
  var STORAGE_KEY = 'deputy-sandbox:writing-as';

  // ---- Who is writing -------------------------------------------------------------------------

  function personName() {
    var option = asSelect.options[asSelect.selectedIndex];
    return option ? option.text : '';
  }

  function hasOption(id) {
    return Array.prototype.some.call(asSelect.options, function (o) {
      return o.value === id;
    });
  }

  function showPerson(remember) {
    composer.elements.namedItem('as').value = asSelect.value;
    byId('text-label').textContent =
      (parentInput.value ? 'Reply as ' : 'Message as ') + personName();
    var url = new URL(location.href);
    url.searchParams.set('as', asSelect.value);
    ['reply', 'notice', 'error'].forEach(function (name) {
      url.searchParams.delete(name);
    });
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    if (remember) {
      try {
        localStorage.setItem(STORAGE_KEY, asSelect.value);
      } catch (ignored) {
        // Storage can be off (private windows); the address still keeps the choice.
      }
    }
  }

  if (!new URLSearchParams(location.search).get('as')) {
    var stored = null;
    try {
      stored = localStorage.getItem(STORAGE_KEY);
    } catch (ignored) {
      stored = null;
    }
    if (stored && hasOption(stored)) asSelect.value = stored;
  }
  byId('as-switch').hidden = true;
  asSelect.addEventListener('change', function () {
    showPerson(true);
  });
  showPerson(false);

  // ---- Threads ---------------------------------------------------------------------------------

  function startReply(messageId) {
    var article = byId(messageId);
    if (!article) return;
    var content = article.querySelector('.rich, .text');
    var snippet = content ? content.textContent.trim().slice(0, 80) : '';
    parentInput.value = messageId;
    byId('reply-author').textContent = article.dataset.author || '';
    byId('reply-snippet').textContent = snippet || 'a card';
    byId('reply-banner').hidden = false;
    showPerson(false);
    textarea.focus();
  }

  function cancelReply() {
    parentInput.value = '';
    byId('reply-banner').hidden = true;
    showPerson(false);
  }

  list.addEventListener('click', function (event) {
    var link = event.target.closest('[data-reply]');
    if (!link) return;
    event.preventDefault();
    startReply(link.dataset.reply);
  });
  byId('reply-cancel').addEventListener('click', function (event) {
    event.preventDefault();
    cancelReply();
  });

  // ---- Posting ---------------------------------------------------------------------------------

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (answer) {
          if (!response.ok)
            throw new Error(answer.message || 'the sandbox answered ' + response.status);
          return answer;
        });
    });
  }

  function send() {
    if (textarea.value.trim() === '' || sendButton.disabled) return;
    sendButton.disabled = true;
    postJson(composer.action, {
      as: asSelect.value,
      text: textarea.value,
      parentId: parentInput.value || undefined,
    })
      .then(function () {
        textarea.value = '';
        composerError.hidden = true;
        cancelReply();
        api.sent();
      })
      .catch(function (error) {
        composerError.textContent = 'Not sent: ' + error.message;
        composerError.hidden = false;
      })
      .finally(function () {
        sendButton.disabled = false;
      });
  }

  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    send();
  });
  // As in the Webex app: Enter sends, Shift+Enter starts a new line.
  textarea.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });

  api.personId = function () {
    return asSelect.value;
  };
  api.personName = personName;
  api.postJson = postJson;
  window.SandboxCompose = api;
})();
