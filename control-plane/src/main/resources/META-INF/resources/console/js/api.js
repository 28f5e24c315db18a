// Calls the control plane with the console's session cookie. X-Requested-With is what lets the session
// cookie authenticate an API call (see ConsoleTenantSelection); other sites cannot send it.

const HEADERS = {'X-Requested-With': 'JavaScript', 'Accept': 'application/json'};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  get sessionEnded() {
    return this.status === 401 || this.status === 499;
  }
}

async function send(url, options) {
  const response = await fetch(url, {credentials: 'same-origin', ...options});
  if (response.status === 499 || response.status === 401) {
    throw new ApiError(response.status, 'Your session has ended. Sign in again to go on.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemText(response));
  }
  return response;
}

async function problemText(response) {
  const fallback = `The server answered ${response.status}.`;
  try {
    const problem = await response.json();
    return problem.detail || problem.title || fallback;
  } catch (e) {
    return fallback;
  }
}

export async function getJson(url) {
  const response = await send(url, {headers: HEADERS});
  return {data: await response.json(), next: response.headers.get('X-Gatehouse-Next-Cursor')};
}

/** Every page of a list that pages with X-Gatehouse-Next-Cursor. */
export async function getAll(url) {
  const items = [];
  let cursor = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page = await getJson(cursor ? `${url}${separator}cursor=${encodeURIComponent(cursor)}` : url);
    items.push(...page.data);
    cursor = page.next;
  } while (cursor);
  return items;
}

export async function postJson(url, body) {
  const response = await send(url, {
    method: 'POST',
    headers: {...HEADERS, 'Content-Type': 'application/json'},
    body: JSON.stringify(body ?? {}),
  });
  return response.status === 204 ? null : response.json();
}

export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

/** Fetches url (with the console's header, which a plain link cannot send) and saves it as filename. */
export async function download(url, filename) {
  const response = await send(url, {headers: {...HEADERS, 'Accept': '*/*'}});
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
