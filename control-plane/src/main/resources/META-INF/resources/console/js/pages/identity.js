import {el, fill, formatTime, notice, statusText} from '../dom.js';
import {getAll, getJson, query} from '../api.js';
import {usageChart} from '../usage-chart.js';
import {AUDIT_READERS, POLICY_READERS, requireRole} from '../roles.js';
import {callsTable} from './calls-table.js';

const RECENT_CALLS = 20;

export default {
  route: ['identities', ':name'],
  title: 'Identity',
  inNav: false,
  forbidden: session => requireRole(session, POLICY_READERS, 'An identity\'s page'),

  async render(main, {name}, session) {
    const encoded = encodeURIComponent(name);
    const [identity, grants, usage] = await Promise.all([
      getJson(`/api/v1/identities/${encoded}`).then(answer => answer.data),
      getAll(`/api/v1/grants${query({identity: name})}`),
      getJson(`/api/v1/identities/${encoded}/usage`).then(answer => answer.data),
    ]);
    fill(main,
        el('p', {}, el('a', {href: '#/identities'}, '← All identities')),
        el('h1', {}, `Identity ${identity.name}`),
        facts(identity),
        bindings(identity),
        grantsSection(grants, usage),
        usageSection(usage),
        await recentCalls(name, session));
  },
};

function facts(identity) {
  const entries = [
    ['Kind', identity.kind], ['Owner team', identity.owner?.team], ['Contact', identity.owner?.contact],
    ['Purpose', identity.purpose], ['Status', statusText(identity.status)], ['Expires', formatTime(identity.expiresAt)],
    ['Last used', formatTime(identity.lastUsedAt) || 'never'],
  ];
  return el('section', {'aria-labelledby': 'facts-title'}, el('h2', {id: 'facts-title'}, 'Overview'),
      el('dl', {class: 'facts'}, entries.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '')])));
}

function bindings(identity) {
  const list = identity.oidcBindings ?? [];
  return el('section', {'aria-labelledby': 'bindings-title'}, el('h2', {id: 'bindings-title'}, 'Trust bindings'),
      list.length === 0 ? el('p', {}, 'No OIDC binding (gateway client credentials only, if any).')
          : el('table', {}, el('caption', {class: 'visually-hidden'}, 'Trust bindings'),
              el('thead', {}, el('tr', {}, ['Issuer', 'Audiences', 'Claims'].map(h => el('th', {scope: 'col'}, h)))),
              el('tbody', {}, list.map(binding => el('tr', {},
                  el('td', {class: 'mono'}, binding.issuer),
                  el('td', {}, (binding.audiences ?? []).join(', ')),
                  el('td', {class: 'mono'}, Object.entries(binding.claims ?? {})
                      .map(([claim, match]) => `${claim} = ${typeof match === 'string' ? match : JSON.stringify(match)}`)
                      .join('; ')))))));
}

function grantsSection(grants, usage) {
  const unused = new Set((usage.unusedGrants ?? []).map(grant => grant.grantId));
  return el('section', {'aria-labelledby': 'grants-title'}, el('h2', {id: 'grants-title'}, 'Grants'),
      unused.size ? el('p', {}, `Operations marked “unused” were granted but not called in the usage window (since ${formatTime(usage.since)}).`) : null,
      el('table', {id: 'grants'}, el('caption', {class: 'visually-hidden'}, 'Grants'),
          el('thead', {}, el('tr', {}, ['Resource', 'Methods', 'Paths', 'Expires', 'Approval', 'Used'].map(h => el('th', {scope: 'col'}, h)))),
          el('tbody', {}, grants.length === 0 ? el('tr', {}, el('td', {colspan: 6}, 'No grants.')) : grants.map(grant => {
            const isUnused = unused.has(grant.id);
            return el('tr', {class: isUnused ? 'unused' : null, 'data-grant-id': grant.id},
                el('td', {}, grant.resource), el('td', {}, grant.methods.join(', ')),
                el('td', {class: 'mono'}, grant.paths.join(', ')), el('td', {}, formatTime(grant.expiresAt)),
                el('td', {}, grant.approval ? `needs ${grant.approval.quorum} approval(s)` : 'no'),
                el('td', {}, isUnused ? el('span', {class: 'badge unused'}, 'unused') : 'yes'));
          }))));
}

function usageSection(usage) {
  const total = usage.operations.reduce((sum, operation) => sum + operation.calls, 0);
  return el('section', {'aria-labelledby': 'usage-title', id: 'usage'},
      el('h2', {id: 'usage-title'}, `Usage per operation, ${usage.since.substring(0, 10)} to ${usage.until.substring(0, 10)}`),
      el('p', {}, `Calls: ${total}, in ${usage.operations.length} operation(s).`),
      usage.operations.length ? usageChart(usage, 'usage-title') : el('p', {}, 'No calls in this window.'));
}

async function recentCalls(name, session) {
  const section = el('section', {'aria-labelledby': 'calls-title'}, el('h2', {id: 'calls-title'}, 'Recent calls'));
  const reason = requireRole(session, AUDIT_READERS, 'The recent calls');
  if (reason) {
    section.append(notice(reason));
    return section;
  }
  const calls = (await getJson(`/api/v1/audit/events${query({identity: name, kind: 'call', limit: RECENT_CALLS})}`)).data;
  section.append(callsTable(calls, `The last ${RECENT_CALLS} calls of ${name}`));
  return section;
}
