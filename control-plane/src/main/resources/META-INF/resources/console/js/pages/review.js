import {el, fill, formatTime, notice} from '../dom.js';
import {download, getJson, postJson} from '../api.js';
import {POLICY_READERS, requireRole} from '../roles.js';

const DECISIONS = [
  ['keep', 'Keep'],
  ['narrow', 'Narrow (remove unused operations)'],
  ['shorten', 'Shorten expiry'],
  ['revoke', 'Revoke'],
];
const REPORT_FORMATS = [['html', 'Printable report (HTML)'], ['csv', 'CSV'], ['json', 'JSON'], ['jws', 'Signed report (JWS)']];

export default {
  route: ['reviews', ':id'],
  title: 'Access review',
  inNav: false,
  forbidden: session => requireRole(session, POLICY_READERS, 'An access review'),

  async render(main, params) {
    const status = el('p', {id: 'review-status', role: 'status', 'aria-live': 'polite'});
    await renderCampaign(main, params.id, status);
  },
};

async function renderCampaign(main, id, status) {
  const campaign = (await getJson('/api/v1/access-reviews/' + encodeURIComponent(id))).data;
  const open = campaign.state !== 'closed';
  const reload = () => renderCampaign(main, id, status).catch(error => fill(status, error.message));
  fill(main,
      el('p', {}, el('a', {href: '#/reviews'}, '← All campaigns')),
      el('h1', {}, campaign.name),
      el('dl', {class: 'facts panel'},
          el('dt', {}, 'Scope'), el('dd', {}, campaign.scope),
          el('dt', {}, 'State'), el('dd', {}, campaign.state),
          el('dt', {}, 'Usage window'), el('dd', {}, `${formatTime(campaign.since)} to ${formatTime(campaign.until)}`),
          el('dt', {}, 'Due'), el('dd', {}, formatTime(campaign.due)),
          el('dt', {}, 'Reviewers'), el('dd', {}, reviewers(campaign.reviewers)),
          el('dt', {}, 'Undecided'), el('dd', {id: 'review-undecided'}, `${campaign.undecided} of ${campaign.itemCount}`)),
      status,
      open ? bulkForm(campaign, status, reload) : reports(campaign, status),
      itemsTable(campaign, open, status, reload),
      open ? closeForm(campaign, status, reload) : null);
}

function reviewers(people) {
  const parts = [];
  if (people.owningTeam) parts.push("each identity's owning team");
  if (people.people.length) parts.push(people.people.join(', '));
  return parts.join('; ');
}

function itemsTable(campaign, open, status, reload) {
  const headers = ['Select', 'Identity', 'Owner', 'Last used', 'Calls in window', 'Granted, never used', 'Decision']
      .map(label => el('th', {scope: 'col'}, label));
  const rows = campaign.items.map(item => el('tr', {'data-item-id': item.id, class: item.ghost ? 'unused' : null},
      el('td', {}, open && !item.decision ? el('input', {type: 'checkbox', class: 'select-item', value: item.id,
        'aria-label': `Select ${item.identity}`}) : ''),
      el('td', {}, el('a', {href: '#/identities/' + encodeURIComponent(item.identity)}, item.identity),
          item.ghost ? el('span', {class: 'badge unused'}, ' ghost') : null),
      el('td', {}, `${item.ownerTeam} <${item.ownerContact}>`),
      el('td', {}, formatTime(item.lastUsedAt) || 'never'),
      el('td', {}, String(item.calls)),
      el('td', {class: 'mono'}, item.unusedOperations.length === 0 ? '—'
          : item.unusedOperations.map(operation => `${operation.method} ${operation.resource} ${operation.route}`).join('; ')),
      el('td', {}, item.decision ? decided(item) : (open ? decisionForm(campaign, item, status, reload) : 'undecided'))));
  return el('table', {id: 'review-items'},
      el('caption', {}, 'Identities under review (ghosts: no call passed in the window)'),
      el('thead', {}, el('tr', {}, headers)), el('tbody', {}, rows));
}

function decided(item) {
  return el('div', {},
      el('strong', {class: 'decision'}, item.decision), ` by ${item.decidedBy} at ${formatTime(item.decidedAt)}`,
      item.comment ? el('div', {}, `“${item.comment}”`) : null,
      el('div', {class: 'mono applied'}, item.applied ?? ''));
}

/** One item's decision: the choice, a new expiry for shorten, a comment. */
function decisionForm(campaign, item, status, reload) {
  const prefix = `decide-${item.id}`;
  const choice = el('select', {id: `${prefix}-decision`, class: 'decision'},
      DECISIONS.map(([value, label]) => el('option', {value}, label)));
  const expires = el('input', {id: `${prefix}-expires`, type: 'date', hidden: true});
  const expiresLabel = el('label', {for: `${prefix}-expires`, hidden: true}, 'New expiry');
  const comment = el('input', {id: `${prefix}-comment`, type: 'text', class: 'comment', autocomplete: 'off'});
  choice.addEventListener('change', () => {
    expires.hidden = expiresLabel.hidden = choice.value !== 'shorten';
  });
  const button = el('button', {type: 'button', class: 'decide', 'aria-label': `Decide ${item.identity}`}, 'Decide');
  button.addEventListener('click', () => decide(campaign, [item.id], choice.value, comment.value, expires.value, status, reload));
  return el('div', {class: 'decide-form'},
      el('label', {for: `${prefix}-decision`, class: 'visually-hidden'}, `Decision for ${item.identity}`), choice,
      expiresLabel, expires,
      el('label', {for: `${prefix}-comment`, class: 'visually-hidden'}, `Comment on ${item.identity}`), comment, button);
}

/** The same decision for every selected item. */
function bulkForm(campaign, status, reload) {
  const choice = el('select', {id: 'bulk-decision'}, DECISIONS.filter(([value]) => value !== 'shorten')
      .map(([value, label]) => el('option', {value}, label)));
  const comment = el('input', {id: 'bulk-comment', type: 'text', autocomplete: 'off'});
  const apply = el('button', {type: 'button', id: 'bulk-apply'}, 'Apply to selected');
  apply.addEventListener('click', () => {
    const ids = [...document.querySelectorAll('#review-items input.select-item:checked')].map(box => box.value);
    if (ids.length === 0) {
      fill(status, 'Select the identities to decide first.');
      return;
    }
    decide(campaign, ids, choice.value, comment.value, '', status, reload);
  });
  return el('div', {class: 'form-row panel', role: 'group', 'aria-labelledby': 'bulk-heading'},
      el('h2', {id: 'bulk-heading', class: 'visually-hidden'}, 'Decide the selected identities'),
      el('div', {}, el('label', {for: 'bulk-decision'}, 'Decision for the selected identities'), choice),
      el('div', {}, el('label', {for: 'bulk-comment'}, 'Comment'), comment), apply);
}

async function decide(campaign, itemIds, decision, comment, expiresDate, status, reload) {
  try {
    const body = {items: itemIds, decision, comment: comment.trim() || null};
    if (decision === 'shorten') body.expires = expiresDate ? `${expiresDate}T00:00:00Z` : null;
    const items = await postJson(`/api/v1/access-reviews/${encodeURIComponent(campaign.id)}/decisions`, body);
    await reload();
    fill(status, items.map(item => `${item.identity}: ${item.decision} — ${item.applied}`).join(' | '));
  } catch (error) {
    fill(status, error.message);
  }
}

function closeForm(campaign, status, reload) {
  const force = el('input', {id: 'close-force', type: 'checkbox'});
  const button = el('button', {type: 'button', id: 'close-campaign', class: 'secondary'}, 'Close and sign the report');
  button.addEventListener('click', async () => {
    try {
      await postJson(`/api/v1/access-reviews/${encodeURIComponent(campaign.id)}/close${force.checked ? '?force=true' : ''}`);
      await reload();
      fill(status, 'The campaign is closed and its report signed.');
    } catch (error) {
      fill(status, error.message);
    }
  });
  return el('div', {class: 'form-row panel'},
      el('div', {}, force, el('label', {for: 'close-force', style: 'display:inline'}, ' close with undecided identities')),
      button);
}

function reports(campaign, status) {
  return el('div', {class: 'form-row panel', id: 'review-reports'},
      notice(`Closed ${formatTime(campaign.closedAt)} by ${campaign.closedBy}. The report is signed by the control plane.`),
      REPORT_FORMATS.map(([format, label]) => el('button', {type: 'button', class: 'secondary', onclick: () =>
          download(`/api/v1/access-reviews/${encodeURIComponent(campaign.id)}/report?format=${format}`,
              `access-review-${campaign.id}.${format}`).catch(error => fill(status, error.message))}, label)));
}
