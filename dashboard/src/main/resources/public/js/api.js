// The dashboard's JSON API: fetch with the session's CSRF token, errors, paths, and the notice bar.

import { $ } from './dom.js';

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.field = body?.field;
  }
}

let csrfToken = '';

// Set from the session answer; every write sends it back.
export function setCsrfToken(token) {
  csrfToken = token;
}

export async function api(method, path, body) {
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
}

export function errorText(error) {
  const message = error.message || String(error);
  return error.field && !message.includes(error.field) ? `${error.field}: ${message}` : message;
}

const enc = encodeURIComponent;
export const agentPath = (ns, name) => `/api/v1/namespaces/${enc(ns)}/agents/${enc(name)}`;
export const typePath = (ns, name) => `/api/v1/namespaces/${enc(ns)}/agenttypes/${enc(name)}`;

let noticeTimer = 0;
export function showNotice(message) {
  const notice = $('#notice');
  notice.textContent = message;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { notice.hidden = true; }, 10000);
}
