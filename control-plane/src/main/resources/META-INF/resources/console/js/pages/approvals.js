import {el, fill, formatTime} from '../dom.js';
import {getJson, postJson} from '../api.js';

const REFRESH_MS = 5000;
let refreshTimer = null;

export default {
  route: ['approvals'],
  title: 'Approvals',
  inNav: true,
  // the approval service decides who may see and decide approvals; its refusal is shown as it gives it
  forbidden: session => session.approvalsConfigured ? null
      : 'Approvals are not configured on this control plane (gatehouse.control-plane.console.approval-service-url).',

  async render(main) {
    const list = el('div', {id: 'approval-list', 'aria-live': 'polite'});
    const status = el('p', {id: 'approval-status', role: 'status'});
    fill(main, el('h1', {}, 'Pending approvals'),
        el('div', {class: 'form-row'},
            el('button', {type: 'button', class: 'secondary', onclick: () => refresh(list, status)}, 'Refresh'),
            el('span', {}, 'The list refreshes every few seconds.')),
        status, list);
    await refresh(list, status);
    clearInterval(refreshTimer);
    refreshTimer = setInterval(() => {
      if (!document.body.contains(list)) {
        clearInterval(refreshTimer);
      } else if (!list.contains(document.activeElement)) {
        // never rebuild the list under someone typing a comment or about to press a button
        refresh(list, status).catch(error => fill(status, error.message));
      }
    }, REFRESH_MS);
  },
};

async function refresh(list, status) {
  const approvals = (await getJson('/console/api/approvals?state=PENDING')).data;
  fill(list, approvals.length === 0 ? el('p', {}, 'Nothing is waiting for approval.')
      : approvals.map(approval => approvalCard(approval, list, status)));
}

function approvalCard(approval, list, status) {
  const id = approval.id;
  const commentId = `comment-${id}`;
  const comment = el('textarea', {id: commentId, rows: 2});
  const decide = decision => async () => {
    buttons.forEach(button => { button.disabled = true; });
    try {
      const decided = await postJson(`/console/api/approvals/${encodeURIComponent(id)}/${decision}`,
          comment.value.trim() ? {reason: comment.value.trim()} : {});
      fill(status, `${decision === 'approve' ? 'Approved' : 'Denied'}: ${approval.method} ${approval.path} by ${approval.identity}`
          + ` (now ${decided.state.toLowerCase()}).`);
      await refresh(list, status);
    } catch (error) {
      fill(status, error.message);
      buttons.forEach(button => { button.disabled = false; });
    }
  };
  const label = `${approval.method} ${approval.path} by ${approval.identity}`;
  const buttons = [
    el('button', {type: 'button', class: 'approve', 'aria-label': `Approve ${label}`, onclick: decide('approve')}, 'Approve'),
    el('button', {type: 'button', class: 'danger deny', 'aria-label': `Deny ${label}`, onclick: decide('deny')}, 'Deny'),
  ];
  return el('article', {class: 'panel approval', 'data-approval-id': id, 'aria-labelledby': `title-${id}`},
      el('div', {},
          el('h2', {id: `title-${id}`}, el('code', {}, `${approval.method} ${approval.path}`)),
          el('dl', {class: 'facts'},
              el('dt', {}, 'Identity'), el('dd', {}, el('a', {href: '#/identities/' + encodeURIComponent(approval.identity)}, approval.identity)),
              el('dt', {}, 'Resource'), el('dd', {}, approval.resource),
              el('dt', {}, 'Justification'), el('dd', {}, approval.justification || '(none given)'),
              el('dt', {}, 'Request summary (masked)'), el('dd', {class: 'mono'}, approval.requestDigest || '(no summary)'),
              el('dt', {}, 'Approvers'), el('dd', {}, `${approval.approverGroup ?? ''}, quorum ${approval.quorum}`),
              el('dt', {}, 'Requested'), el('dd', {}, formatTime(approval.createdAt)),
              el('dt', {}, 'Expires'), el('dd', {}, formatTime(approval.expiresAt)))),
      el('div', {class: 'actions'},
          el('label', {for: commentId}, 'Comment (optional)'), comment,
          el('div', {}, buttons)));
}
