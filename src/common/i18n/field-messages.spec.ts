import 'reflect-metadata';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { IsTimestamp } from '../validation/is-timestamp';
import { NIK_LIKE_MESSAGE } from '../privacy/nik-guard';
import { constraintMessageId, detailMessageId } from './field-messages';

enum Purpose {
  NEW_APPLICATION = 'NEW_APPLICATION',
  MONITORING = 'MONITORING',
}

/** One property per constraint the DTOs use, each failing: class-validator's own English, not a copy of it. */
class Sample {
  @IsString() aString: unknown = 7;
  @IsInt() anInt: unknown = 1.5;
  @Min(1) atLeast: unknown = 0;
  @Max(500) atMost: unknown = 501;
  @MinLength(12) longEnough: unknown = 'short';
  @MaxLength(5) shortEnough: unknown = 'too long';
  @Length(16, 24) lengthLow: unknown = 'abc';
  @Length(1, 3) lengthHigh: unknown = 'abcd';
  @IsIn(['asc', 'desc']) order: unknown = 'up';
  @IsEnum(Purpose) purpose: unknown = 'X';
  @IsUUID() id: unknown = 'not-a-uuid';
  @IsEmail() email: unknown = 'nope';
  @IsBoolean() flag: unknown = 'yes';
  @IsObject() evidence: unknown = 3;
  @IsDefined() required: unknown = undefined;
  @IsArray() records: unknown = 'x';
  @ArrayMinSize(1) some: unknown = [];
  @ArrayMaxSize(2) few: unknown = [1, 2, 3];
  @IsTimestamp() expiresAt: unknown = '2026-01-01';
  @Matches(/^\d+$/) digits: unknown = 'abc';
  @Matches(/\S/, { message: 'reason must not be blank' }) reason: unknown = ' ';
}

const said = new Map(
  validateSync(new Sample()).flatMap((e) =>
    Object.entries(e.constraints ?? {}).map(([constraint, english]) => [
      e.property,
      constraintMessageId(constraint, english, e.property),
    ]),
  ),
);

describe('constraintMessageId, on class-validator’s own messages', () => {
  it.each([
    ['aString', 'aString harus berupa teks'],
    ['anInt', 'anInt harus bilangan bulat'],
    ['atLeast', 'atLeast paling kecil 1'],
    ['atMost', 'atMost paling besar 500'],
    ['longEnough', 'longEnough paling sedikit 12 karakter'],
    ['shortEnough', 'shortEnough paling banyak 5 karakter'],
    ['lengthLow', 'lengthLow paling sedikit 16 karakter'],
    ['lengthHigh', 'lengthHigh paling banyak 3 karakter'],
    ['order', 'order harus salah satu dari: asc, desc'],
    ['purpose', 'purpose harus salah satu dari: NEW_APPLICATION, MONITORING'],
    ['id', 'id harus berupa UUID'],
    ['email', 'email harus berupa alamat email'],
    ['flag', 'flag harus true atau false'],
    ['evidence', 'evidence harus berupa objek'],
    ['required', 'required wajib diisi'],
    ['records', 'records harus berupa daftar (array)'],
    ['some', 'some harus berisi paling sedikit 1 butir'],
    ['few', 'few paling banyak berisi 2 butir'],
    ['expiresAt', 'expiresAt harus berupa waktu ISO-8601 dengan Z atau zona waktu, misalnya 2026-01-01T00:00:00Z'],
    ['digits', 'digits tidak sesuai format yang diminta'],
    ['reason', 'reason tidak boleh kosong'],
  ])('%s: %s', (property, indonesian) => {
    expect(said.get(property)).toBe(indonesian);
  });

  it('says nothing for English it does not know, rather than something wrong', () => {
    expect(constraintMessageId('max', 'daysPastDue is far too big', 'daysPastDue')).toBeNull();
    expect(constraintMessageId('somethingNew', 'x must be new', 'x')).toBeNull();
  });
});

describe('detailMessageId', () => {
  it.each([
    [
      NIK_LIKE_MESSAGE,
      'tidak boleh memuat NIK (16 angka berturut-turut): NIK hanya dikirim di kolom "nik" pada isi permintaan',
    ],
    [
      'must not contain NUL or unpaired surrogate characters',
      'tidak boleh memuat karakter NUL atau karakter surrogate yang tidak berpasangan',
    ],
    ['must not be nested more than 32 levels deep', 'tidak boleh bersarang lebih dari 32 tingkat'],
    ['must be a UUID', 'harus berupa UUID'],
    ['nik must be 16 digits', 'nik harus 16 angka'],
    ['nik holds an impossible birth date', 'nik memuat tanggal lahir yang tidak mungkin'],
    ['must be at least 12 characters', 'paling sedikit 12 karakter'],
    ['must not contain "siti"', 'tidak boleh memuat "siti"'],
    ['expiresAt must be in the future', 'expiresAt harus di masa depan'],
    ['not answering', 'tidak menjawab'],
    ['already in use', 'sudah dipakai'],
  ])('%s', (english, indonesian) => {
    expect(detailMessageId(english)).toBe(indonesian);
  });

  it('leaves English it does not know alone', () => {
    expect(detailMessageId('Unexpected end of form')).toBeNull();
  });
});
