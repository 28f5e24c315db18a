import {el, fill, formatTime} from '../dom.js';
import {getJson, postJson} from '../api.js';
import {sortableTable} from '../sortable-table.js';
import {POLICY_READERS, requireRole} from '../roles.js';

const CAMPAIGN_STARTERS = ['admin', 'reviewer'];

export default {
  route: ['reviews'],
  title: 'Access reviews',
  inNav: true,
  forbidden: session => requireRole(session, POLICY_READERS, 'The access reviews page'),

  async render(main, params, session) {
    const campaigns = (await getJson('/api/v1/access-reviews')).data;
    const table = sortableTable({
      caption: 'Campaigns, newest first (select a column header to sort)',
      rows: campaigns,
      emptyText: 'No campaign has been started yet.',
      columns: [
        {label: 'Name', value: row => row.name,
          render: row => el('a', {href: '#/reviews/' + encodeURIComponent(row.id)}, row.name)},
        {label: 'Scope', value: row => row.scope},
        {label: 'State', value: row => row.state},
        {label: 'Identities', value: row => row.itemCount},
        {label: 'Undecided', value: row => row.undecided},
        {label: 'Due', value: row => row.due, render: row => formatTime(row.due)},
        {label: 'Started', value: row => row.createdAt, render: row => `${formatTime(row.createdAt)} by ${row.createdBy}`},
      ],
    });
    fill(main, el('h1', {}, 'Access reviews'), table.element,
        session.roles.some(role => CAMPAIGN_STARTERS.includes(role)) ? startForm() : null);
  },
};

/** Starts a campaign and opens it. */
function startForm() {
  const fields = {
    name: el('input', {id: 'campaign-name', type: 'text', required: true, autocomplete: 'off'}),
    scope: el('input', {id: 'campaign-scope', type: 'text', value: 'all', autocomplete: 'off',
      'aria-describedby': 'campaign-scope-help'}),
    people: el('input', {id: 'campaign-people', type: 'text', autocomplete: 'off', 'aria-describedby': 'campaign-people-help'}),
    due: el('input', {id: 'campaign-due', type: 'date'}),
  };
  const status = el('p', {role: 'status', id: 'campaign-start-status'});
  const form = el('form', {class: 'panel', 'aria-labelledby': 'start-heading'},
      el('h2', {id: 'start-heading'}, 'Start a campaign'),
      el('div', {class: 'form-row'},
          el('div', {}, el('label', {for: 'campaign-name'}, 'Name'), fields.name),
          el('div', {}, el('label', {for: 'campaign-scope'}, 'Scope'), fields.scope,
              el('small', {id: 'campaign-scope-help'}, ' all, team:NAME, resource:NAME or kind:NAME')),
          el('div', {}, el('label', {for: 'campaign-people'}, 'Named reviewers (optional)'), fields.people,
              el('small', {id: 'campaign-people-help'}, ' comma-separated; the owning teams review too')),
          el('div', {}, el('label', {for: 'campaign-due'}, 'Due (optional, default in 14 days)'), fields.due),
          el('button', {type: 'submit'}, 'Start')),
      status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const people = fields.people.value.split(',').map(name => name.trim()).filter(Boolean);
      const campaign = await postJson('/api/v1/access-reviews', {
        name: fields.name.value.trim(), scope: fields.scope.value.trim() || 'all',
        reviewers: {owningTeam: true, people},
        due: fields.due.value ? `${fields.due.value}T00:00:00Z` : null,
      });
      location.hash = '#/reviews/' + encodeURIComponent(campaign.id);
    } catch (error) {
      fill(status, error.message);
    }
  });
  return form;
}
