/*
 * The space page's messages. It polls the space about once a second and adds what is new (thread
 * replies under their parent) without redrawing what is on screen, so a draft in the composer or
 * a half-filled card survives. Cards are drawn by cards.js; a submit press posts as the person
 * chosen under "writing as" (compose.js).
 */
(function () {
  'use strict';
  var list = document.getElementById('messages');
  var compose = window.SandboxCompose;
  if (!list || !compose) return;

  var byId = function (id) {
    return document.getElementById(id);
  };
  var POLL_MS = 1000;

  // ---- Cards -----------------------------------------------------------------------------------

  function submitCard(messageId, inputs, status) {
    var name = compose.personName();
    status.classList.remove('error');
    status.textContent = 'Sending as ' + name + '…';
    compose
      .postJson(list.dataset.actionUrl, {
        as: compose.personId(),
        messageId: messageId,
        inputs: inputs,
      })
      .then(function () {
        status.textContent = 'Sent as ' + name + '.';
        poll();
      })
      .catch(function (error) {
        status.classList.add('error');
        status.textContent = 'Not sent: ' + error.message;
      });
  }

  function drawCard(article, message) {
    article.dataset.rendered = 'yes';
    var status = article.querySelector('.card-status');
    try {
      window.SandboxCards.render(article.querySelector('.card-host'), message.card, {
        submit: function (inputs) {
          submitCard(message.id, inputs, status);
        },
        unsupported: function (type) {
          status.textContent = type + ' does nothing in Webex.';
        },
      });
    } catch (error) {
      // The plain rendering stays in place, so the card can still be read and pressed.
      status.textContent = 'The card renderer could not draw this card (' + error.message + ').';
    }
  }

  // ---- New messages ----------------------------------------------------------------------------

  function insert(message) {
    var template = document.createElement('template');
    template.innerHTML = message.html;
    var article = template.content.firstElementChild;
    var thread = message.parentId ? byId('thread-' + message.parentId) : null;
    if (thread) {
      thread.querySelector('.replies').appendChild(article);
      return article;
    }
    var section = document.createElement('section');
    section.className = 'thread';
    section.id = 'thread-' + message.id;
    var replies = document.createElement('div');
    replies.className = 'replies';
    section.append(article, replies);
    list.appendChild(section);
    return article;
  }

  function reconcile(messages) {
    var present = {};
    var added = false;
    messages.forEach(function (message) {
      present[message.id] = true;
      var article = byId(message.id);
      if (!article) {
        article = insert(message);
        added = true;
      }
      if (message.card && article.dataset.rendered !== 'yes' && window.SandboxCards) {
        drawCard(article, message);
      }
    });
    list.querySelectorAll('article.message').forEach(function (article) {
      if (present[article.id]) return;
      var section = article.parentElement.classList.contains('thread')
        ? article.parentElement
        : null;
      (section || article).remove();
    });
    byId('empty').hidden = messages.length > 0;
    return added;
  }

  var first = true;
  var busy = false;
  var again = false;
  var timer = 0;

  function poll() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    clearTimeout(timer);
    var url = list.dataset.messagesUrl + '?as=' + encodeURIComponent(compose.personId());
    var atEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;
    fetch(url, { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (answer) {
        var added = reconcile(answer.messages);
        if (first || (added && atEnd)) window.scrollTo(0, document.body.scrollHeight);
        first = false;
        byId('offline').hidden = true;
      })
      .catch(function () {
        byId('offline').hidden = false;
      })
      .finally(function () {
        busy = false;
        timer = setTimeout(poll, again ? 0 : POLL_MS);
        again = false;
      });
  }

  compose.sent = poll;
  poll();
})();
