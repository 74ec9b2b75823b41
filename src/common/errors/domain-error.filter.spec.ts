import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { DomainErrorFilter, safeFrameworkMessage } from './domain-error.filter';
import { errorBody } from './error-body';

/** The filter's answer to `err`: status, Retry-After, Content-Language and body, read off a recording reply. */
function answer(
  err: unknown,
  headers: Record<string, string> = {},
): {
  status: number;
  retryAfter?: string;
  contentLanguage?: string;
  body: { error: { code: string; message: string; requestId: string; details: Record<string, unknown>[] } };
} {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    header: (name: string, value: string) => ((sent.headers[name.toLowerCase()] = value), reply),
    status: (status: number) => ((sent.status = status), reply),
    type: () => reply,
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-0001', headers }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new DomainErrorFilter().catch(err, host);
  return {
    status: sent.status!,
    retryAfter: sent.headers['retry-after'],
    contentLanguage: sent.headers['content-language'],
    body: sent.body as never,
  };
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

describe('DomainErrorFilter: the caller’s language', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const refusal = () =>
    new DomainError('VALIDATION', 'The request has invalid fields', [
      { field: 'records[0].period', row: 1, message: 'Not a month', messageId: 'Bukan bulan', code: 'RECORD.PERIOD' },
      { field: 'evidence.reference', message: 'must not contain NUL or unpaired surrogate characters' },
      { field: 'file', message: 'Unexpected end of form' },
    ]);

  it('answers Indonesian to Accept-Language: id, codes, fields and rows unchanged, messageId never sent', () => {
    const res = answer(refusal(), { 'accept-language': 'id-ID,id;q=0.9' });
    expect(res.contentLanguage).toBe('id');
    expect(res.body.error.message).toBe('Permintaan berisi isian yang tidak valid');
    expect(res.body.error.details).toEqual([
      { field: 'records[0].period', row: 1, message: 'Bukan bulan', code: 'RECORD.PERIOD' },
      {
        field: 'evidence.reference',
        message: 'tidak boleh memuat karakter NUL atau karakter surrogate yang tidak berpasangan',
      },
      // English nothing translates stays as it was
      { field: 'file', message: 'Unexpected end of form' },
    ]);
  });

  it('answers the English of the contract otherwise, without messageId', () => {
    const res = answer(refusal());
    expect(res.contentLanguage).toBe('en');
    expect(res.body.error.message).toBe('The request has invalid fields');
    expect(res.body.error.details[0]).toEqual({
      field: 'records[0].period',
      row: 1,
      message: 'Not a month',
      code: 'RECORD.PERIOD',
    });
  });

  it.each([
    [
      'a framework 404',
      new NotFoundException('Cannot GET /api/v1/nothing'),
      'Alamat tidak ditemukan: GET /api/v1/nothing',
    ],
    [
      'a bug',
      new TypeError('x'),
      'Terjadi kesalahan internal; sebutkan nomor permintaan (request id) saat melaporkannya',
    ],
    ['Postgres away', refused(), 'Layanan sedang tidak tersedia sebentar; coba lagi sesaat lagi'],
  ])('says %s in Indonesian', (_name, err, message) => {
    expect(answer(err, { 'accept-language': 'id' }).body.error.message).toBe(message);
  });

  it('never echoes a NIK-like run in Indonesian either', () => {
    const res = answer(new NotFoundException('Cannot GET /api/v1/profiles/3375011203850002'), {
      'accept-language': 'id',
    });
    expect(res.body.error.message).toBe('Alamat tidak ditemukan: GET /api/v1/profiles/[NIK]');
    const detail = answer(
      new DomainError('VALIDATION', 'x', [{ field: 'a', message: 'm', messageId: 'rujukan 3375011203850002' }]),
      { 'accept-language': 'id' },
    );
    expect(detail.body.error.details[0].message).toBe('rujukan [NIK]');
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
