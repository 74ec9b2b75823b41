import { QueryFailedError } from 'typeorm';
import { isDependencyUnavailable } from './dependency-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDependencyUnavailable', () => {
  it.each([
    ['ECONNREFUSED from the socket', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), true],
    ['ECONNRESET', withCode('ECONNRESET'), true],
    ['ETIMEDOUT', withCode('ETIMEDOUT'), true],
    ['EPIPE', withCode('EPIPE'), true],
    ['ENOTFOUND (host gone from DNS)', withCode('ENOTFOUND'), true],
    ['08006 connection_failure', withCode('08006'), true],
    ['08001 sqlclient_unable_to_establish_sqlconnection', withCode('08001'), true],
    ['08P01 protocol_violation', withCode('08P01'), true],
    ['57P01 admin_shutdown', withCode('57P01', 'terminating connection due to administrator command'), true],
    ['57P02 crash_shutdown', withCode('57P02'), true],
    ['57P03 cannot_connect_now', withCode('57P03', 'the database system is starting up'), true],
    ['53300 too_many_connections', withCode('53300'), true],
    ['pg-pool connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['pg: connection timeout', new Error('Connection terminated due to connection timeout'), true],
    [
      'pg: client unusable after a connection error',
      new Error('Client has encountered a connection error and is not queryable'),
      true,
    ],
    ['QueryFailedError wrapping 57P01', queryFailed(withCode('57P01')), true],
    [
      'QueryFailedError wrapping a terminated connection',
      queryFailed(new Error('Connection terminated unexpectedly')),
      true,
    ],
    [
      'AggregateError of refused addresses (localhost: ::1 and 127.0.0.1)',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
      true,
    ],
    ['an Error whose cause is a refused connection', new Error('wrapped', { cause: withCode('ECONNREFUSED') }), true],
    // bugs and bad input stay what they are
    ['a plain Error', new Error('boom'), false],
    ['TypeError', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
    ['23505 unique_violation', queryFailed(withCode('23505')), false],
    ['23514 check_violation', withCode('23514'), false],
    ['22P02 invalid_text_representation', queryFailed(withCode('22P02')), false],
    ['42P01 undefined_table', withCode('42P01'), false],
    ['57014 query_canceled (a statement timeout is ours to fix)', withCode('57014'), false],
    ['40001 serialization_failure', withCode('40001'), false],
    ['a code that only starts like class 08', withCode('080'), false],
    ['ENOENT', withCode('ENOENT'), false],
    ['a numeric code', Object.assign(new Error('x'), { code: 8006 }), false],
    ['a string thrown', 'ECONNREFUSED', false],
    ['null', null, false],
    ['undefined', undefined, false],
  ])('%s -> %s', (_name, err, expected) => {
    expect(isDependencyUnavailable(err)).toBe(expected);
  });

  it('stops on a cause cycle', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDependencyUnavailable(a)).toBe(false);
  });

  it('looks only a few wrappers deep', () => {
    let err: Error = withCode('ECONNREFUSED');
    for (let i = 0; i < 10; i++) err = new Error(`wrap ${i}`, { cause: err });
    expect(isDependencyUnavailable(err)).toBe(false);
  });
});
