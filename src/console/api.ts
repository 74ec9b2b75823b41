import type { components } from './api-types';
import { Lang, savedLang } from './i18n';
import { loadSession } from './session';

/** A schema of the API's OpenAPI document (src/console/api-types.ts, generated: npm run api-types). */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];

/** An answer in the API's error shape: {error: {code, message, requestId, details}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly details: { field?: string; row?: number; message: string }[] = [],
    /** The language the API answered in (Content-Language): 'en' from a server that does not translate. */
    readonly language: Lang = 'en',
  ) {
    super(message);
  }
}

/**
 * The language the reader chose on the console's switch: the API answers its error messages in it. The stored choice
 * holds from the first request on (before the app has set the page's lang); the page's lang attribute, which the
 * switch sets at once (saveLang), covers a browser that keeps no storage.
 */
export function readerLang(): Lang {
  return savedLang() === 'en' || document.documentElement.lang === 'en' ? 'en' : 'id';
}

type Body = Record<string, unknown> | FormData | Blob | string | undefined;

let onUnauthenticated: () => void = () => undefined;
/** Called when the API answers 401 to a signed-in request (the token expired): the app signs out. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Calls the API with the session's bearer token; the NIK only ever travels in `body`. */
export async function request(
  method: string,
  path: string,
  body?: Body,
  headers: Record<string, string> = {},
  transport: (path: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<Response> {
  const session = loadSession();
  const init: RequestInit = {
    method,
    headers: { Accept: 'application/json', 'Accept-Language': readerLang(), ...headers },
  };
  const h = init.headers as Record<string, string>;
  if (session) h.Authorization = `Bearer ${session.token}`;
  if (body instanceof FormData || body instanceof Blob || typeof body === 'string') init.body = body;
  else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await transport(path, init);
  if (res.ok) return res;
  let error: ApiError;
  try {
    const { error: e } = (await res.json()) as {
      error: { code: string; message: string; requestId: string; details?: ApiError['details'] };
    };
    const language = res.headers.get('content-language') === 'id' ? 'id' : 'en';
    error = new ApiError(res.status, e.code, e.message, e.requestId, e.details ?? [], language);
  } catch {
    error = new ApiError(res.status, 'HTTP', res.statusText, res.headers.get('x-request-id'));
  }
  if (res.status === 401 && session) onUnauthenticated();
  throw error;
}

export async function api<T>(method: string, path: string, body?: Body): Promise<T> {
  const res = await request(method, path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Saves a response body as a file (exports, rejected rows), with the name the server gives when it gives one. */
export async function download(res: Response, fallbackName: string): Promise<void> {
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(blob, name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
