/*
 * Adaptive Cards on the space page, drawn by Microsoft's renderer (window.AdaptiveCards, served
 * by the sandbox from node_modules) and wired the way the Webex app wires them:
 * - Action.Submit hands the page the inputs Webex would record: every input the button takes, as
 *   a string, with the button's `data` on top, so data wins when a key is in both. (The
 *   renderer's own merge lets the inputs win, so the merge is done here.)
 * - Action.OpenUrl opens http(s) addresses in a new tab; Action.ShowCard expands in place.
 * - Markdown in TextBlocks goes through the small processor below, which escapes HTML first, so
 *   card text can never become markup.
 * Exposes window.SandboxCards.render(host, card, handlers); throws when the card cannot be drawn.
 */
(function () {
  'use strict';
  var AC = window.AdaptiveCards;
  if (!AC) return; // The renderer did not load: the page keeps the plain forms.

  // Choice titles are often text people typed (poll options): show them as typed.
  AC.GlobalSettings.useMarkdownInRadioButtonAndCheckbox = false;

  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdownToHtml(text);
    result.didProcess = true;
  };

  var ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return ESCAPES[c];
    });
  }

  /** Bold, italics, code and http(s) links, the part of markdown Webex cards use. */
  function markdownToHtml(text) {
    var linked = escapeHtml(text).replace(
      /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g,
      '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>',
    );
    // Emphasis only between the link tags, never inside an address.
    var html = linked
      .split(/(<a [^>]*>|<\/a>)/)
      .map(function (part, index) {
        return index % 2 === 1 ? part : emphasis(part);
      })
      .join('');
    return html
      .split(/\n{2,}/)
      .map(function (paragraph) {
        return '<p>' + paragraph.replace(/\n/g, '<br>') + '</p>';
      })
      .join('');
  }

  function emphasis(escaped) {
    return escaped
      .replace(/`([^`\n]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, '$1<em>$2</em>')
      .replace(/(^|\W)_([^_\n]+)_(?!\w)/g, '$1<em>$2</em>');
  }

  function colours(ink, subtle) {
    return {
      default: { default: ink, subtle: subtle },
      dark: { default: '#000000', subtle: '#4D4D4D' },
      light: { default: '#FFFFFF', subtle: '#E6E6E6' },
      accent: { default: '#0B5CAD', subtle: '#0B5CAD' },
      attention: { default: '#A40000', subtle: '#A40000' },
      good: { default: '#146B2E', subtle: '#146B2E' },
      warning: { default: '#8A5300', subtle: '#8A5300' },
    };
  }

  // The renderer's default colours are too pale to read well (accent 3.4:1 on white).
  var hostConfig = new AC.HostConfig({
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    supportsInteractivity: true,
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: colours('#1B1B1B', '#4D4D4D') },
      emphasis: { backgroundColor: '#EEF1F5', foregroundColors: colours('#1B1B1B', '#474747') },
    },
    actions: {
      maxActions: 5,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      allowTitleToWrap: true,
    },
  });

  /** The inputs Webex records for a press of this submit button. */
  function webexInputs(action) {
    var inputs = {};
    var referenced = action.getReferencedInputs() || {};
    Object.keys(referenced).forEach(function (key) {
      var input = referenced[key];
      var value = input.value;
      inputs[input.id] = value === undefined || value === null ? '' : String(value);
    });
    // toJSON() gives the button's data as written in the card, before the renderer's merge.
    var data = action.toJSON().data;
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      Object.keys(data).forEach(function (key) {
        inputs[key] = data[key];
      });
    }
    return inputs;
  }

  function openUrl(url) {
    if (/^https?:\/\//i.test(String(url))) window.open(url, '_blank', 'noopener,noreferrer');
  }

  /**
   * Draws `card` into `host`, replacing what it held. `handlers.submit(inputs)` runs for a submit
   * press, `handlers.unsupported(type)` for an action Webex does not run.
   */
  function render(host, card, handlers) {
    var adaptive = new AC.AdaptiveCard();
    adaptive.hostConfig = hostConfig;
    adaptive.onExecuteAction = function (action) {
      var type = action.getJsonTypeName();
      if (type === 'Action.Submit') handlers.submit(webexInputs(action));
      else if (type === 'Action.OpenUrl') openUrl(action.url);
      else handlers.unsupported(type);
    };
    adaptive.parse(card);
    var element = adaptive.render();
    if (!element) throw new Error('the renderer produced nothing');
    host.replaceChildren(element);
  }

  window.SandboxCards = { render: render, markdownToHtml: markdownToHtml };
})();
