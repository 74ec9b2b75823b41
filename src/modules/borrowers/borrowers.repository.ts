import { Injectable } from '@nestjs/common';
import { Tx } from '../../common/database/unit-of-work';
import { BorrowerEntity } from './borrower.entity';

@Injectable()
export class BorrowersRepository {
  /** Inserts the borrower if new; returns its opaque subject reference either way. */
  async ensure(tx: Tx, borrowerKey: string, keyVersion: number): Promise<string> {
    const rows = await tx.query<{ subject_ref: string }[]>(
      `INSERT INTO borrowers (borrower_key, key_version) VALUES ($1, $2)
       ON CONFLICT (borrower_key) DO UPDATE SET borrower_key = EXCLUDED.borrower_key
       RETURNING subject_ref`,
      [borrowerKey, keyVersion],
    );
    return rows[0].subject_ref;
  }

  findByKey(tx: Tx, borrowerKey: string): Promise<BorrowerEntity | null> {
    return tx.findOneBy(BorrowerEntity, { borrowerKey });
  }
}
