import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Tx } from '../../common/database/unit-of-work';
import { ConsentPurpose } from './consent-purpose';
import { ConsentEntity } from './consent.entity';

export type NewConsent = Pick<
  ConsentEntity,
  'cooperativeId' | 'borrowerKey' | 'purpose' | 'evidenceType' | 'evidenceReference' | 'grantedByUserId' | 'grantedByApiKeyId' | 'grantedAt' | 'expiresAt'
>;

@Injectable()
export class ConsentsRepository {
  create(tx: Tx, data: NewConsent): Promise<ConsentEntity> {
    return tx.save(ConsentEntity, tx.create(ConsentEntity, data));
  }

  findInCooperative(tx: Tx, id: string, cooperativeId: string, lock = false): Promise<ConsentEntity | null> {
    return tx.findOne(ConsentEntity, { where: { id, cooperativeId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async revoke(tx: Tx, id: string): Promise<void> {
    await tx.update(ConsentEntity, { id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** The newest consents of one coop for one borrower and purpose; the active one first if there is one. */
  latestFor(tx: Tx, cooperativeId: string, borrowerKey: string, purpose: ConsentPurpose): Promise<ConsentEntity[]> {
    return tx
      .createQueryBuilder(ConsentEntity, 'c')
      .where('c.cooperative_id = :cooperativeId AND c.borrower_key = :borrowerKey AND c.purpose = :purpose', {
        cooperativeId,
        borrowerKey,
        purpose,
      })
      .orderBy('(c.revoked_at IS NULL AND c.expires_at > now())', 'DESC')
      .addOrderBy('c.granted_at', 'DESC')
      .limit(1)
      .getMany();
  }
}
