import {el, fill, formatTime, statusText} from '../dom.js';
import {getAll} from '../api.js';
import {sortableTable} from '../sortable-table.js';
import {POLICY_READERS, requireRole} from '../roles.js';

export default {
  route: ['identities'],
  title: 'Identities',
  inNav: true,
  forbidden: session => requireRole(session, POLICY_READERS, 'The identities page'),

  async render(main) {
    const identities = await getAll('/api/v1/identities');
    const table = sortableTable({
      caption: 'Identities (select a column header to sort)',
      rows: identities,
      emptyText: 'No identity matches.',
      columns: [
        {label: 'Name', value: row => row.name,
          render: row => el('a', {href: '#/identities/' + encodeURIComponent(row.name)}, row.name)},
        {label: 'Kind', value: row => row.kind},
        {label: 'Owner team', value: row => row.owner?.team},
        {label: 'Status', value: row => row.status, render: row => statusText(row.status)},
        {label: 'Expires', value: row => row.expiresAt, render: row => formatTime(row.expiresAt)},
        {label: 'Last used', value: row => row.lastUsedAt ?? '', render: row => formatTime(row.lastUsedAt) || 'never'},
      ],
    });
    const count = el('p', {id: 'identity-count', role: 'status'}, `${identities.length} identities`);
    const filter = el('input', {id: 'identity-filter', type: 'search', autocomplete: 'off',
      'aria-describedby': 'identity-count', placeholder: 'name, kind, team or status'});
    filter.addEventListener('input', () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      const shown = table.filter(row => {
        const text = [row.name, row.kind, row.owner?.team, row.status].join(' ').toLowerCase();
        return words.every(word => text.includes(word));
      });
      count.textContent = `${shown} of ${identities.length} identities`;
    });
    fill(main,
        el('h1', {}, 'Identities'),
        el('div', {class: 'form-row'}, el('div', {}, el('label', {for: 'identity-filter'}, 'Filter identities'), filter)),
        count,
        table.element);
  },
};
