// fetch() cannot report how much of a request body has gone out; XMLHttpRequest can (upload.onprogress). This is a
// fetch-shaped transport over XMLHttpRequest for api.ts request(), so the upload keeps the same headers, token and
// error handling as every other call, and gains progress and a cancel.

export interface UploadProgress {
  sent: number;
  total: number;
}

/** Raised when the submitter cancels: not an error to show, nothing reached the server as a submission. */
export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

// Statuses whose Response may not carry a body.
const NO_BODY = new Set([101, 204, 205, 304]);

function responseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/**
 * A transport for request(): sends with XMLHttpRequest, reports the bytes sent, stops when `signal` aborts (rejecting
 * with UploadCancelled). A connection that fails rejects with a TypeError, as fetch does.
 */
export function xhrTransport(onProgress: (p: UploadProgress) => void, signal: AbortSignal) {
  return (path: string, init: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new UploadCancelled());
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', path);
      xhr.responseType = 'blob';
      for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>))
        xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress({ sent: e.loaded, total: e.total });
      };
      xhr.onload = () =>
        resolve(
          new Response(NO_BODY.has(xhr.status) ? null : (xhr.response as Blob), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers: responseHeaders(xhr.getAllResponseHeaders()),
          }),
        );
      xhr.onerror = () => reject(new TypeError('Network request failed'));
      xhr.ontimeout = xhr.onerror;
      xhr.onabort = () => reject(new UploadCancelled());
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}
