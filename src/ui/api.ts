/** Every admin call of the UI: the token from this tab's sessionStorage as `Authorization: Bearer`, asked for again on a 401. */
import { askForToken } from './token-prompt';

const KEY = 'mockdock.adminToken';

export function savedToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

function withToken(init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  const token = savedToken();
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/** Fetches an admin route; a 401 asks for the token (once for every call waiting) and tries again. */
export async function call(path: string, init?: RequestInit): Promise<Response> {
  for (;;) {
    const res = await fetch(path, withToken(init));
    if (res.status !== 401) return res;
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    await askForToken(savedToken() === null ? 'This server needs its admin token.' : body.error ?? 'The admin token does not match.');
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${status}`);
  }
}

/** Calls a route and reads its JSON answer; a status other than 2xx becomes an ApiError carrying the body. */
export async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await call(path, init);
  const text = await res.text();
  const body = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

export function sendYaml(method: string, text: string): RequestInit {
  return { method, headers: { 'Content-Type': 'application/yaml' }, body: text };
}

export function sendJson(method: string, value: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}
