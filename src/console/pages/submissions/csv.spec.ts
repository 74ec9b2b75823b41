/// <reference types="jest" />
import {
  csvField,
  parseCsv,
  parseRejectedRows,
  rejectedRowsCsv,
  rejectedRowsLanguage,
  sortRejectedRows,
  toCsv,
} from './csv';

describe('console CSV helpers', () => {
  it.each([
    [
      'plain',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF and no final line break',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a BOM', '\uFEFFa,b\n', [['a', 'b']]],
    ['quotes, separators and line breaks inside quotes', 'a,"b, ""c""\nd"\n', [['a', 'b, "c"\nd']]],
    ['empty fields', ',x,\n', [['', 'x', '']]],
  ])('parses %s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it.each([
    ['plain', 'abc', 'abc'],
    ['a number', 4, '4'],
    ['a separator', 'a,b', '"a,b"'],
    ['a quote', 'say "x"', '"say ""x"""'],
    ['a line break', 'a\nb', '"a\nb"'],
    ['a formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['a leading plus', '+62', "'+62"],
    ['a leading at', '@SUM(A1)', "'@SUM(A1)"],
    ['a negative number', -5, '-5'],
  ])('writes a field with %s', (_name, value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('quotes for the separator in use', () => {
    expect(toCsv([['1,5', 'a;b']], ';')).toBe('1,5;"a;b"\r\n');
  });

  it('reads the API rejected rows by header and writes them back with a BOM', () => {
    const api =
      'row,field,code,message\n3,nik,NIK.INVALID_DATE,"NIK has no valid birth date, day 32."\n4,outstanding,RECORD.RANGE,must be >= 0\n';
    const rows = parseRejectedRows(api);
    expect(rows).toEqual([
      { row: 3, field: 'nik', code: 'NIK.INVALID_DATE', message: 'NIK has no valid birth date, day 32.' },
      { row: 4, field: 'outstanding', code: 'RECORD.RANGE', message: 'must be >= 0' },
    ]);
    const out = rejectedRowsCsv(rows);
    expect(out.startsWith('\uFEFFrow,field,code,message\r\n')).toBe(true);
    expect(parseRejectedRows(out)).toEqual(rows);
    expect(parseRejectedRows('row,field,code,message\n')).toEqual([]);
    expect(parseRejectedRows('')).toEqual([]);
  });

  it("reads the Indonesian form (?lang=id): BOM, `;`, Indonesian headers, the file's column, an empty row for the file", () => {
    const text =
      '\uFEFFbaris;kolom;kode;pesan;no_rekening;field_api\r\n4;plafon_awal;RECORD.RANGE;Harus lebih dari 0.;PK-1;principal\r\n;;CSV.EMPTY;Berkas kosong.;;file\r\n';
    expect(rejectedRowsLanguage(text)).toBe('id');
    expect(parseRejectedRows(text)).toEqual([
      {
        row: 4,
        field: 'principal',
        column: 'plafon_awal',
        loanRef: 'PK-1',
        code: 'RECORD.RANGE',
        message: 'Harus lebih dari 0.',
      },
      { row: 0, field: 'file', code: 'CSV.EMPTY', message: 'Berkas kosong.' },
    ]);
    expect(rejectedRowsLanguage('row,field,code,message\n')).toBe('en');
  });

  it('sorts by row, then by column in template order, unknown fields last, otherwise stable', () => {
    const r = (row: number, field: string, code = 'X') => ({ row, field, code, message: '' });
    const order = ['nik', 'fullName', 'condition', 'outstanding'];
    expect(
      sortRejectedRows(
        [
          r(5, 'outstanding'),
          r(3, 'condition'),
          r(3, 'zz_unknown'),
          r(2, 'nik'),
          r(3, 'nik'),
          r(3, 'nik', 'Y'),
          r(0, 'file'),
        ],
        order,
      ),
    ).toEqual([
      r(0, 'file'),
      r(2, 'nik'),
      r(3, 'nik'),
      r(3, 'nik', 'Y'),
      r(3, 'condition'),
      r(3, 'zz_unknown'),
      r(5, 'outstanding'),
    ]);
  });
});
