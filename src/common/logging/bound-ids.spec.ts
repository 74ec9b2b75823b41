import pino from 'pino';
import { dropBoundRepeats } from './bound-ids';

function capture() {
  const lines: string[] = [];
  const logger = pino({ hooks: { logMethod: dropBoundRepeats } }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}
const count = (line: string, key: string) => line.split(`"${key}":`).length - 1;

describe('dropBoundRepeats', () => {
  it.each([
    ['an id the logger is bound to, repeated', { requestId: 'r1' }, { requestId: 'r1' }, { requestId: 1 }],
    ['several ids repeated', { requestId: 'r1', jobId: 'j1' }, { requestId: 'r1', jobId: 'j1' }, { jobId: 1 }],
    ['an id the logger is not bound to', {}, { requestId: 'r1' }, { requestId: 1 }],
    [
      'another value for a bound id (kept: it says something)',
      { requestId: 'r1' },
      { requestId: 'r2' },
      { requestId: 2 },
    ],
    ['a field that is no id', { requestId: 'r1' }, { code: 'X', requestId: 'r1' }, { code: 1, requestId: 1 }],
  ])('writes %s as expected', (_case, bindings, fields, expected) => {
    const { logger, lines } = capture();
    logger.child(bindings).warn({ err: new Error('away'), ...fields }, 'dependency unavailable');
    expect(lines).toHaveLength(1);
    for (const [key, n] of Object.entries(expected)) expect(count(lines[0], key)).toBe(n);
    expect(JSON.parse(lines[0])).toMatchObject({ ...bindings, ...fields, msg: 'dependency unavailable' });
  });

  it('leaves messages, errors and formatting arguments alone', () => {
    const { logger, lines } = capture();
    const child = logger.child({ requestId: 'r1' });
    child.info('plain %s', 'text');
    child.error(new Error('boom'));
    child.info({ requestId: 'r1', n: 2 }, 'with %d args', 3);
    expect(lines.map((l) => JSON.parse(l) as { msg: string })).toMatchObject([
      { msg: 'plain text' },
      { msg: 'boom', err: { message: 'boom' } },
      { msg: 'with 3 args', n: 2 },
    ]);
    for (const line of lines) expect(count(line, 'requestId')).toBe(1);
  });
});
