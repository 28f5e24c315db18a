import {el, formatTime} from '../dom.js';

/** Audit events as a table: time, identity, operation, decision, status and what was masked. */
export function callsTable(events, caption) {
  return el('table', {class: 'calls'}, el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ['Time', 'Identity', 'Resource', 'Call', 'Decision', 'Status', 'Masked', 'Request id']
          .map(h => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, events.length === 0 ? el('tr', {}, el('td', {colspan: 8}, 'No events.')) : events.map(event =>
          el('tr', {},
              el('td', {}, formatTime(event.time)), el('td', {}, event.identity ?? ''),
              el('td', {}, event.resource ?? ''),
              el('td', {class: 'mono'}, event.method ? `${event.method} ${event.path ?? ''}` : event.kind),
              el('td', {}, (event.decision ?? '').toLowerCase() + (event.reason ? ` (${event.reason})` : '')),
              el('td', {}, event.status ? String(event.status) : ''),
              el('td', {}, (event.maskedFields ?? []).join(', ')),
              el('td', {class: 'mono'}, event.requestId ?? '')))));
}
