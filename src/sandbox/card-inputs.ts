/**
 * Adaptive Card inputs as labelled HTML form controls. Field names are the input id behind a
 * prefix, so a card input can never collide with the page's own form fields.
 */
import { isObject } from './card-rules.js';
import { str, type CardElement } from './card-model.js';
import { attr, markup, type SafeHtml } from './html.js';

export const INPUT_FIELD_PREFIX = 'input:';

const INPUT_TYPES: Record<string, string> = {
  'Input.Number': 'number',
  'Input.Date': 'date',
  'Input.Time': 'time',
};

export function renderInput(element: CardElement, uid: () => string): SafeHtml {
  const id = str(element['id']);
  if (id === '') return markup`<p class="meta">[An input without an id is ignored]</p>`;
  const domId = uid();
  const name = `${INPUT_FIELD_PREFIX}${id}`;
  const labelText = str(element['label']);
  const label = labelText ? markup`<label for="${domId}">${labelText}</label>` : markup``;
  // Controls without a visible label still get an accessible name.
  const aria = attr('aria-label', labelText ? '' : str(element['placeholder']) || id);
  const required = attr('required', element['isRequired'] === true);
  const value = str(element['value']);
  const placeholder = attr('placeholder', str(element['placeholder']));
  const type = str(element['type']);
  if (type === 'Input.Text') {
    return element['isMultiline'] === true
      ? markup`${label}<textarea id="${domId}" name="${name}" rows="3"${placeholder}${aria}${required}>${value}</textarea>`
      : markup`${label}<input type="text" id="${domId}" name="${name}"${attr('value', value)}${placeholder}${aria}${required}>`;
  }
  const inputType = INPUT_TYPES[type];
  if (inputType) {
    const range = markup`${attr('min', str(element['min']))}${attr('max', str(element['max']))}`;
    return markup`${label}<input type="${inputType}" id="${domId}" name="${name}"${attr('value', value)}${range}${aria}${required}>`;
  }
  if (type === 'Input.Toggle') {
    const on = typeof element['valueOn'] === 'string' ? element['valueOn'] : 'true';
    const box = markup`<input type="checkbox" id="${domId}" name="${name}" value="${on}"${attr('checked', value === on)}>`;
    return markup`${label}<label class="choice" for="${domId}">${box} ${str(element['title']) || id}</label>`;
  }
  if (type === 'Input.ChoiceSet') {
    return choiceSet(element, uid, { domId, name, label, aria, required, value, id });
  }
  return markup`<p class="meta">[Card input ${type} is not shown by the sandbox]</p>`;
}

interface Field {
  domId: string;
  name: string;
  label: SafeHtml;
  aria: SafeHtml;
  required: SafeHtml;
  value: string;
  id: string;
}

/** `style: expanded` shows radios (checkboxes when multi-select); otherwise a select. */
function choiceSet(element: CardElement, uid: () => string, field: Field): SafeHtml {
  const choices = Array.isArray(element['choices']) ? element['choices'].filter(isObject) : [];
  const multi = element['isMultiSelect'] === true;
  const selected = new Set(multi ? field.value.split(',') : [field.value]);
  if (element['style'] === 'expanded') {
    const legend = str(element['label']) || str(element['placeholder']) || field.id;
    const required = multi ? markup`` : field.required;
    const options = choices.map((choice) => {
      const optionId = uid();
      const value = str(choice['value']);
      const box = markup`<input type="${multi ? 'checkbox' : 'radio'}" id="${optionId}" name="${field.name}" value="${value}"${attr('checked', selected.has(value))}${required}>`;
      return markup`<label class="choice" for="${optionId}">${box} ${str(choice['title'])}</label>`;
    });
    return markup`<fieldset><legend>${legend}</legend>${options}</fieldset>`;
  }
  const none = multi
    ? ''
    : markup`<option value="">${str(element['placeholder']) || 'Choose…'}</option>`;
  const options = choices.map((choice) => {
    const value = str(choice['value']);
    return markup`<option value="${value}"${attr('selected', selected.has(value))}>${str(choice['title'])}</option>`;
  });
  return markup`${field.label}<select id="${field.domId}" name="${field.name}"${field.aria}${attr('multiple', multi)}${field.required}>${none}${options}</select>`;
}
