import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { DomainErrorFilter, safeFrameworkMessage } from './domain-error.filter';
import { errorBody } from './error-body';

/** The filter's answer to `err`: status, Retry-After and body, read off a recording reply. */
function answer(err: unknown): {
  status: number;
  retryAfter?: string;
  body: { error: { code: string; requestId: string } };
} {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    header: (name: string, value: string) => ((sent.headers[name.toLowerCase()] = value), reply),
    status: (status: number) => ((sent.status = status), reply),
    type: () => reply,
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-0001' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(err, host);
  return { status: sent.status!, retryAfter: sent.headers['retry-after'], body: sent.body as never };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('DomainErrorFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it.each([
    ['a domain error', 403, 'CONSENT.EXPIRED', undefined, new DomainError('CONSENT.EXPIRED', 'expired')],
    ['a throttled domain error', 429, 'AUTH.THROTTLED', '30', new DomainError('AUTH.THROTTLED', 'slow down', [], 30)],
    ['an HttpException', 404, 'NOT_FOUND', undefined, new NotFoundException()],
    [
      'a parser error with a 4xx statusCode',
      400,
      'BAD_REQUEST',
      undefined,
      Object.assign(new Error('bad json'), { statusCode: 400 }),
    ],
    ['Postgres refusing connections', 503, 'NOT_READY', '5', refused()],
    [
      'a query on a connection Postgres shut down (57P01)',
      503,
      'NOT_READY',
      '5',
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ],
    ['the pool timing out', 503, 'NOT_READY', '5', new Error('timeout exceeded when trying to connect')],
    ['a bug', 500, 'INTERNAL', undefined, new TypeError('x is undefined')],
    [
      'a constraint the code should have checked',
      500,
      'INTERNAL',
      undefined,
      new QueryFailedError('INSERT', [], Object.assign(new Error('check'), { code: '23514' })),
    ],
  ] as [string, number, string, string | undefined, unknown][])(
    'answers %s with %s %s',
    (_name, status, code, retryAfter, err) => {
      const res = answer(err);
      expect({
        status: res.status,
        code: res.body.error.code,
        retryAfter: res.retryAfter,
        requestId: res.body.error.requestId,
      }).toEqual({
        status,
        code,
        retryAfter,
        requestId: 'req-0001',
      });
    },
  );

  it.each([
    ['a dependency away', refused(), 'warn', 'dependency unavailable'],
    [
      'readiness refusing on purpose',
      new DomainError('NOT_READY', 'Not ready: postgres not answering'),
      'warn',
      'refused: service not ready',
    ],
    ['a bug', new TypeError('x is undefined'), 'error', 'unhandled error'],
  ] as [string, unknown, 'warn' | 'error', string][])('logs %s at %s', (_name, err, level, message) => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      answer(err);
      const [used, other] = level === 'warn' ? [warn, error] : [error, warn];
      expect(used).toHaveBeenCalledWith(expect.anything(), message);
      expect(other).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});

describe('safeFrameworkMessage', () => {
  const ENCODED = [...'3375011203850002'].map((d) => `%3${d}`).join('');
  it.each([
    ['Cannot GET /api/v1/profiles/3375011203850002', 'Cannot GET /api/v1/profiles/[NIK]'],
    [`Cannot POST /api/v1/profiles/${ENCODED}?x=1`, 'Cannot POST /api/v1/profiles/[NIK]'],
    ['Cannot GET /api/v1/nothing?nik=3375011203850002', 'Cannot GET /api/v1/nothing'],
    ['Cannot GET /api/v1/nothing-here', 'Cannot GET /api/v1/nothing-here'],
    ['Body cannot be empty', 'Body cannot be empty'],
  ])('%s answers %s', (message, safe) => {
    expect(safeFrameworkMessage(message)).toBe(safe);
  });
});

describe('errorBody', () => {
  it('never echoes a NIK-like run in the message or a detail', () => {
    const body = errorBody('VALIDATION', 'Unexpected token in "3375011203850002x"', 'r', [
      { field: 'records[0].3375011203850002', row: 1, message: 'ref 3375011203850002' },
    ]);
    expect(JSON.stringify(body)).not.toContain('3375011203850002');
    expect(body.error.details).toEqual([{ field: 'records[0].[NIK]', row: 1, message: 'ref [NIK]' }]);
  });
});
