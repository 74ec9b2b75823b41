import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { borrowerKey, identityHash } from './borrower-key';
import { checkNik } from './nik';

export interface BorrowerId {
  key: string;
  keyVersion: number;
}

/** The one place a raw NIK turns into the borrower key. The NIK goes no further than this call. */
@Injectable()
export class BorrowersService {
  constructor(private readonly config: AppConfig) {}

  /** Validates and hashes a NIK from a request body; a bad NIK is a 400 naming the field, never echoing it. */
  keyForNik(nik: unknown, field = 'nik'): BorrowerId {
    const check = checkNik(nik);
    if (!check.valid) {
      throw new DomainError('VALIDATION', 'The NIK is not valid', [{ field, message: `nik ${check.message}` }]);
    }
    return this.keyForValidNik(check.nik);
  }

  keyForValidNik(nik: string): BorrowerId {
    const { nikHashKey, nikHashKeyVersion } = this.config.borrowers;
    return { key: borrowerKey(nik, nikHashKey, nikHashKeyVersion), keyVersion: nikHashKeyVersion };
  }

  identityHashes(fullName: string, birthDate: string): { nameHash: string; birthDateHash: string } {
    const secret = this.config.borrowers.nikHashKey;
    return {
      nameHash: identityHash('name', fullName, secret),
      birthDateHash: identityHash('birthDate', birthDate, secret),
    };
  }
}
