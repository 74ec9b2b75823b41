import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Tx } from '../../common/database/unit-of-work';
import { ConsentEntity } from './consent.entity';

export type NewConsent = Pick<
  ConsentEntity,
  | 'cooperativeId'
  | 'borrowerKey'
  | 'purpose'
  | 'evidenceType'
  | 'evidenceReference'
  | 'grantedByUserId'
  | 'grantedByApiKeyId'
  | 'grantedAt'
  | 'expiresAt'
>;

@Injectable()
export class ConsentsRepository {
  create(tx: Tx, data: NewConsent): Promise<ConsentEntity> {
    return tx.save(ConsentEntity, tx.create(ConsentEntity, data));
  }

  findInCooperative(tx: Tx, id: string, cooperativeId: string, lock = false): Promise<ConsentEntity | null> {
    return tx.findOne(ConsentEntity, {
      where: { id, cooperativeId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async revoke(tx: Tx, id: string): Promise<void> {
    await tx.update(ConsentEntity, { id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
