import { ErrorCollector, UNKNOWN_FIELD_ONCE_MESSAGE } from './error-collector';

const error = (row: number, field: string, code: string) => ({
  row,
  field,
  column: field,
  code,
  message: 'm',
  messageId: 'p',
});

describe('ErrorCollector', () => {
  it('keeps every error under the cap and counts them by code', () => {
    const c = new ErrorCollector(10);
    expect(c.admit([error(1, 'a', 'X'), error(1, 'b', 'Y'), error(2, 'a', 'X')])).toHaveLength(3);
    expect(c.summary()).toEqual({ errorCounts: { X: 2, Y: 1 }, errorsTruncated: false, kept: 3, found: 3 });
  });

  it.each<[string, number, number, number, boolean]>([
    // name, cap, errors offered, kept, truncated
    ['exactly the cap', 5, 5, 5, false],
    ['one over the cap', 5, 6, 5, true],
    ['1.7 million errors under a cap of 1,000', 1000, 1_700_000, 1000, true],
    ['a cap of 0 keeps nothing, counts everything', 0, 3, 0, true],
  ])('caps the kept errors: %s', (_name, cap, offered, kept, truncated) => {
    const c = new ErrorCollector(cap);
    let admitted = 0;
    for (let i = 0; i < offered; i++) admitted += c.admit([error(i + 2, 'principal', 'RECORD.RANGE')]).length;
    expect(admitted).toBe(kept);
    expect(c.summary()).toEqual({
      errorCounts: { 'RECORD.RANGE': offered },
      errorsTruncated: truncated,
      kept,
      found: offered,
    });
  });

  it('lists an unknown field once, at its first row, and counts every repeat', () => {
    const c = new ErrorCollector(1000);
    const kept = [1, 2, 3].flatMap((row) =>
      c.admit([
        error(row, 'k1', 'RECORD.UNKNOWN_FIELD'),
        error(row, 'k2', 'RECORD.UNKNOWN_FIELD'),
        error(row, 'nik', 'RECORD.REQUIRED'),
      ]),
    );
    expect(kept.map((e) => `${e.row}:${e.field}:${e.code}`)).toEqual([
      '1:k1:RECORD.UNKNOWN_FIELD',
      '1:k2:RECORD.UNKNOWN_FIELD',
      '1:nik:RECORD.REQUIRED',
      '2:nik:RECORD.REQUIRED',
      '3:nik:RECORD.REQUIRED',
    ]);
    expect(kept[0].message).toBe(UNKNOWN_FIELD_ONCE_MESSAGE);
    expect(c.summary()).toMatchObject({
      errorCounts: { 'RECORD.REQUIRED': 3, 'RECORD.UNKNOWN_FIELD': 6 },
      errorsTruncated: false,
    });
  });

  it('the attack of issue 16: 900 records x 1,000 unknown keys keep at most the cap', () => {
    const c = new ErrorCollector(1000);
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    let kept = 0;
    for (let row = 1; row <= 900; row++) kept += c.admit(keys.map((k) => error(row, k, 'RECORD.UNKNOWN_FIELD'))).length;
    expect(kept).toBe(1000);
    expect(c.summary()).toEqual({
      errorCounts: { 'RECORD.UNKNOWN_FIELD': 900_000 },
      errorsTruncated: false,
      kept: 1000,
      found: 900_000,
    });
  });

  it('an unknown field first seen after the cap is a truncation', () => {
    const c = new ErrorCollector(1);
    c.admit([error(1, 'nik', 'RECORD.REQUIRED')]);
    expect(c.admit([error(2, 'k', 'RECORD.UNKNOWN_FIELD')])).toEqual([]);
    expect(c.summary().errorsTruncated).toBe(true);
  });

  it('never keeps a NIK-like run in a field name or message, whatever produced the error', () => {
    const c = new ErrorCollector(10);
    const [kept] = c.admit([
      {
        row: 2,
        field: 'x3375011203850002',
        column: 'x3375011203850002',
        code: 'CSV.UNKNOWN_COLUMN',
        message: 'near 3375011203850002',
        messageId: 'dekat 3375011203850002',
      },
    ]);
    expect(kept).toEqual({
      row: 2,
      field: 'x[NIK]',
      column: 'x[NIK]',
      code: 'CSV.UNKNOWN_COLUMN',
      message: 'near [NIK]',
      messageId: 'dekat [NIK]',
    });
  });
});
