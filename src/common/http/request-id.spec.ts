import { requestIdFor } from './request-id';

const idFor = (value?: string | string[]) =>
  requestIdFor({ headers: value === undefined ? {} : { 'x-request-id': value } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it.each([
    ['coop-system-req-0001'],
    ['a1b2c3d4'],
    ['550e8400-e29b-41d4-a716-446655440000'],
    ['batch:2026-11:000123456789012'], // 15 digits in a row: not a NIK
  ])('honours %s', (incoming) => {
    expect(idFor(incoming)).toBe(incoming);
  });

  it.each([
    ['none', undefined],
    ['too short', 'abc1234'],
    ['too long', 'x'.repeat(65)],
    ['markup', '<script>'],
    ['spaces', 'req id 0001'],
    ['a NIK', '3375010112890001'],
    ['a NIK inside', 'req-3375010112890001-x'],
    ['repeated header', ['coop-system-req-0001', 'coop-system-req-0002']],
  ])('mints a new id for %s', (_label, incoming) => {
    expect(idFor(incoming)).toMatch(UUID);
  });
});
