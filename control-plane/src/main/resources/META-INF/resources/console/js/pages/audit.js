import {el, fill} from '../dom.js';
import {download, getJson, query} from '../api.js';
import {AUDIT_READERS, requireRole} from '../roles.js';
import {callsTable} from './calls-table.js';

const PAGE_SIZE = 50;
const DECISIONS = ['', 'allowed', 'denied', 'pending_approval', 'error'];

export default {
  route: ['audit'],
  title: 'Audit',
  inNav: true,
  forbidden: session => requireRole(session, AUDIT_READERS, 'Audit search'),

  async render(main) {
    const fields = {
      identity: el('input', {id: 'audit-identity', type: 'text', autocomplete: 'off'}),
      resource: el('input', {id: 'audit-resource', type: 'text', autocomplete: 'off'}),
      decision: el('select', {id: 'audit-decision'}, DECISIONS.map(value => el('option', {value}, value || 'any'))),
      from: el('input', {id: 'audit-from', type: 'datetime-local'}),
      to: el('input', {id: 'audit-to', type: 'datetime-local'}),
    };
    const labels = {identity: 'Identity', resource: 'Resource', decision: 'Decision', from: 'From (UTC)', to: 'To (UTC)'};
    const results = el('div', {id: 'audit-results', 'aria-live': 'polite'});
    const status = el('p', {role: 'status'});
    const exportButton = el('button', {type: 'button', class: 'secondary', id: 'audit-export'}, 'Export these events (CSV)');
    const more = el('button', {type: 'button', class: 'secondary', hidden: true}, 'Older events');
    let cursor = null;
    let shown = [];
    let latest = 0;

    const filter = () => ({
      identity: fields.identity.value.trim(), resource: fields.resource.value.trim(), decision: fields.decision.value,
      from: utc(fields.from.value), to: utc(fields.to.value),
    });
    const load = async append => {
      const request = ++latest;
      const page = await getJson('/api/v1/audit/events' + query({...filter(), limit: PAGE_SIZE, cursor: append ? cursor : null}));
      if (request !== latest) return; // a newer search was started meanwhile: its answer is the one to show
      shown = append ? shown.concat(page.data) : page.data;
      cursor = page.next;
      more.hidden = !cursor;
      fill(results, callsTable(shown, `${shown.length} events, newest first`));
    };
    const form = el('form', {class: 'panel', 'aria-label': 'Audit search'},
        el('div', {class: 'form-row'}, Object.entries(fields).map(([name, input]) =>
            el('div', {}, el('label', {for: input.id}, labels[name]), input)),
            el('button', {type: 'submit'}, 'Search')));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      await load(false).catch(error => fill(results, error.message));
    });
    more.addEventListener('click', () => load(true).catch(error => fill(results, error.message)));
    exportButton.addEventListener('click', () => download('/api/v1/audit/export' + query({...filter(), format: 'csv'}),
        'gatehouse-audit.csv').catch(error => fill(status, error.message)));
    fill(main, el('h1', {}, 'Audit search'), form, el('p', {}, exportButton), status, results, more);
    await load(false);
  },
};

/** A datetime-local value read as UTC, as the label says. */
function utc(local) {
  return local ? new Date(local + 'Z').toISOString() : '';
}
