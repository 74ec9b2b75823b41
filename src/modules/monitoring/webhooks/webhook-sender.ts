import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, literalAddress, webhookUrlFormRefusal } from './webhook-url-policy';

export interface SendResult {
  statusCode: number | null;
  /** Why it was not a 2xx answer, for the log (never the endpoint's body). */
  error: string | null;
}

/**
 * The connect-time check (DNS rebinding): the name is resolved again for the connection, and every address must be
 * public, so a host that answered a public address at creation cannot be turned to an internal one later.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const refused = addresses.map((a) => addressRefusal(a.address)).find((r) => r !== null);
    if (refused || addresses.length === 0) {
      return callback(Object.assign(new Error(refused ?? 'no address'), { code: 'EADDRREFUSED' }), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * Kept-alive connections, a few per endpoint: a month-end file raises thousands of alerts for one coop's endpoint,
 * and a TLS handshake per delivery would cost more than the delivery. A pooled socket was checked when it connected.
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 16, maxFreeSockets: 16, timeout: 60_000 };
const agents = { 'http:': new http.Agent(AGENT_OPTIONS), 'https:': new https.Agent(AGENT_OPTIONS) };

/** One POST, no redirects followed, bounded by the timeout from the first byte sent to the last byte read. */
@Injectable()
export class WebhookSender {
  post(
    rawUrl: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
    production: boolean,
  ): Promise<SendResult> {
    if (production) {
      const form = webhookUrlFormRefusal(rawUrl, true);
      if (form) return Promise.resolve({ statusCode: null, error: `refused: ${form}` });
      const literal = literalAddress(new URL(rawUrl).hostname);
      const refused = literal ? addressRefusal(literal) : null;
      if (refused) return Promise.resolve({ statusCode: null, error: `refused: ${refused}` });
    }
    const url = new URL(rawUrl);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          ...(production ? { lookup: publicOnlyLookup } : {}),
          agent: url.protocol === 'https:' ? agents['https:'] : agents['http:'],
        },
        (res) => {
          const statusCode = res.statusCode ?? 0;
          res.resume();
          res.on('end', () =>
            finish({
              statusCode,
              error:
                statusCode >= 200 && statusCode < 300
                  ? null
                  : statusCode >= 300 && statusCode < 400
                    ? `HTTP ${statusCode} (redirects are not followed)`
                    : `HTTP ${statusCode}`,
            }),
          );
          res.on('error', (err) => finish({ statusCode, error: `response: ${err.message}` }));
        },
      );
      const timer = setTimeout(() => {
        finish({ statusCode: null, error: `no answer in ${timeoutMs} ms` });
        req.destroy();
      }, timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) =>
        finish({ statusCode: null, error: err.code ? `${err.code}: ${err.message}` : err.message }),
      );
      req.end(body);
    });
  }
}
