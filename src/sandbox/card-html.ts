/**
 * A plain HTML rendering of an Adaptive Card, good enough to read it and press its buttons:
 * TextBlock, RichTextBlock, FactSet, Image, containers and columns, the common inputs, and
 * Action.Submit / OpenUrl / ShowCard. Every card value is escaped; URLs must be http(s).
 */
import { isObject } from './card-rules.js';
import { childElements, listActions, str, type CardElement } from './card-model.js';
import { renderInput } from './card-inputs.js';
import { attr, markup, type SafeHtml } from './html.js';

export interface CardForm {
  /** Where the card's form posts: the page route that turns a button press into a submission. */
  action: string;
  /** Hidden fields carried with every press, e.g. who is "writing as". */
  hidden: Record<string, string>;
  /** Unique per page, so that label `for` attributes never clash between cards. */
  idPrefix: string;
}

interface Render {
  /** Buttons post their index in listActions(card), so the handler finds the same action. */
  actionIndex: Map<CardElement, number>;
  uid: () => string;
}

export function renderCard(card: CardElement, form: CardForm): SafeHtml {
  let counter = 0;
  const render: Render = {
    actionIndex: new Map(listActions(card).map((action, index) => [action, index])),
    uid: () => `${form.idPrefix}-${counter++}`,
  };
  const hidden = Object.entries(form.hidden).map(
    ([name, value]) => markup`<input type="hidden" name="${name}" value="${value}">`,
  );
  return markup`<form method="post" action="${form.action}" class="card">${hidden}${cardBody(card, render)}</form>`;
}

function cardBody(card: CardElement, render: Render): SafeHtml {
  const body = Array.isArray(card['body']) ? card['body'].filter(isObject) : [];
  const elements = body.map((element) => elementHtml(element, render));
  return markup`${elements}${actionRow(card['actions'], render)}`;
}

/** Hidden elements stay in the form, so their inputs are submitted as the Webex app does. */
function elementHtml(element: CardElement, render: Render): SafeHtml {
  const inner = elementInner(element, render);
  return element['isVisible'] === false ? markup`<div hidden>${inner}</div>` : inner;
}

function elementInner(element: CardElement, render: Render): SafeHtml {
  const type = str(element['type']);
  const children = () => childElements(element).map((child) => elementHtml(child, render));
  switch (type) {
    case 'TextBlock':
      return textBlock(element);
    case 'RichTextBlock': {
      const inlines = Array.isArray(element['inlines']) ? element['inlines'] : [];
      const runs = inlines.map((inline) =>
        typeof inline === 'string' ? inline : isObject(inline) ? textRun(inline) : '',
      );
      return markup`<p class="text">${runs}</p>`;
    }
    case 'FactSet': {
      const facts = Array.isArray(element['facts']) ? element['facts'].filter(isObject) : [];
      const rows = facts.map(
        (fact) =>
          markup`<dt><strong>${str(fact['title'])}</strong></dt><dd>${str(fact['value'])}</dd>`,
      );
      return markup`<dl>${rows}</dl>`;
    }
    case 'Image':
      return image(element);
    case 'ImageSet': {
      const images = Array.isArray(element['images']) ? element['images'].filter(isObject) : [];
      return markup`<div>${images.map(image)}</div>`;
    }
    case 'Container':
      return markup`<div>${children()}</div>`;
    case 'Column':
      return markup`<div style="flex:1;min-width:8rem">${children()}</div>`;
    case 'ColumnSet':
      return markup`<div style="display:flex;flex-wrap:wrap;gap:.75rem">${children()}</div>`;
    case 'ActionSet':
      return actionRow(element['actions'], render);
    default:
      if (type.startsWith('Input.')) return renderInput(element, render.uid);
      return markup`<p class="meta">[Card element ${type || '(no type)'} is not shown by the sandbox]</p>`;
  }
}

function textBlock(element: CardElement): SafeHtml {
  const size = str(element['size']).toLowerCase();
  const text = str(element['text']);
  const bold = str(element['weight']).toLowerCase() === 'bolder';
  const content = bold ? markup`<strong>${text}</strong>` : markup`${text}`;
  const cls = element['isSubtle'] === true ? 'text meta' : 'text';
  const style = size === 'large' || size === 'extralarge' ? 'font-size:1.2rem' : '';
  return markup`<p class="${cls}"${attr('style', style)}>${content}</p>`;
}

function textRun(run: CardElement): SafeHtml {
  let out = markup`${str(run['text'])}`;
  if (str(run['weight']).toLowerCase() === 'bolder') out = markup`<strong>${out}</strong>`;
  if (run['italic'] === true) out = markup`<em>${out}</em>`;
  return out;
}

function image(element: CardElement): SafeHtml {
  const url = str(element['url']);
  if (!/^(https?:\/\/|data:image\/)/i.test(url)) return markup``;
  return markup`<img src="${url}" alt="${str(element['altText'])}" style="max-width:100%">`;
}

function actionRow(actions: unknown, render: Render): SafeHtml {
  if (!Array.isArray(actions) || actions.length === 0) return markup``;
  const buttons = actions.filter(isObject).map((action) => actionHtml(action, render));
  return markup`<div class="actions">${buttons}</div>`;
}

function actionHtml(action: CardElement, render: Render): SafeHtml {
  const title = str(action['title']) || 'Submit';
  switch (action['type']) {
    case 'Action.Submit': {
      const index = String(render.actionIndex.get(action) ?? -1);
      // Buttons that take no inputs must not be blocked by required inputs left empty.
      const skipInputs = attr('formnovalidate', action['associatedInputs'] === 'none');
      return markup`<button type="submit" name="action" value="${index}"${skipInputs}>${title}</button>`;
    }
    case 'Action.OpenUrl': {
      const url = str(action['url']);
      if (!/^https?:\/\//i.test(url)) return markup``;
      return markup`<a href="${url}" target="_blank" rel="noopener noreferrer">${title}</a>`;
    }
    case 'Action.ShowCard': {
      const shown = isObject(action['card']) ? action['card'] : {};
      return markup`<details><summary>${title}</summary>${cardBody(shown, render)}</details>`;
    }
    default:
      return markup`<button type="button" disabled title="Not supported by the sandbox">${title}</button>`;
  }
}
