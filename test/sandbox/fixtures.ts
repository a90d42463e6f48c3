/**
 * Sample payloads for sandbox tests: a small Adaptive Card message attachment with inputs and two
 * submit buttons, optionally without its version to provoke Webex's 400.
 */
export function cardAttachment(version: string | null = '1.3') {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      ...(version === null ? {} : { version }),
      body: [
        { type: 'TextBlock', text: 'Approve <the> request?', weight: 'Bolder' },
        { type: 'FactSet', facts: [{ title: 'Requester', value: 'José' }] },
        { type: 'Input.Text', id: 'comment', label: 'Comment', isMultiline: true },
        {
          type: 'Input.ChoiceSet',
          id: 'size',
          label: 'Size',
          style: 'expanded',
          choices: [
            { title: 'Small', value: 's' },
            { title: 'Large', value: 'l' },
          ],
        },
      ],
      actions: [
        { type: 'Action.Submit', title: 'Approve', data: { action: 'approve', size: 'from-data' } },
        { type: 'Action.Submit', title: 'Reject', data: { action: 'reject' } },
      ],
    },
  };
}
