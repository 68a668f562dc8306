// The dashboard's JSON API: fetch with the session's CSRF token, errors as ApiError, paths.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.field = body?.field;
  }
}

/** A client of the dashboard's API; the session's CSRF token is set once signed in and sent with every write. */
export function createApi() {
  let csrfToken = '';
  return {
    setCsrfToken(token) {
      csrfToken = token || '';
    },
    async request(method, path, body) {
      const headers = {};
      const init = { method, credentials: 'same-origin', headers };
      if (method !== 'GET') {
        headers['Content-Type'] = 'application/json';
        if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
        if (body !== undefined) init.body = JSON.stringify(body);
      }
      const response = await fetch(path, init);
      const data = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, data);
      return data;
    },
  };
}

const enc = encodeURIComponent;
export const agentPath = (ns, name) => `/api/v1/namespaces/${enc(ns)}/agents/${enc(name)}`;
export const typePath = (ns, name) => `/api/v1/namespaces/${enc(ns)}/agenttypes/${enc(name)}`;
