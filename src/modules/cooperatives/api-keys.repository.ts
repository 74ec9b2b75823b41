import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { keysetPage } from '../../common/database/keyset';
import { Tx } from '../../common/database/unit-of-work';
import { ApiKeyEntity } from './entities/api-key.entity';

export type NewApiKey = Pick<
  ApiKeyEntity,
  'cooperativeId' | 'name' | 'role' | 'keyHash' | 'keyPrefix' | 'createdByUserId'
>;

@Injectable()
export class ApiKeysRepository {
  create(tx: Tx, data: NewApiKey): Promise<ApiKeyEntity> {
    return tx.save(ApiKeyEntity, tx.create(ApiKeyEntity, data));
  }

  findActiveByHash(tx: Tx, keyHash: string): Promise<Pick<ApiKeyEntity, 'id' | 'cooperativeId' | 'role'> | null> {
    return tx.findOne(ApiKeyEntity, {
      select: { id: true, cooperativeId: true, role: true },
      where: { keyHash, revokedAt: IsNull() },
    });
  }

  findInCooperative(tx: Tx, id: string, cooperativeId: string): Promise<ApiKeyEntity | null> {
    return tx.findOneBy(ApiKeyEntity, { id, cooperativeId });
  }

  /** Returns false when the key was already revoked. */
  async revoke(tx: Tx, id: string): Promise<boolean> {
    const result = await tx.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return (result.affected ?? 0) > 0;
  }

  async touchLastUsed(tx: Tx, id: string): Promise<void> {
    await tx.update(ApiKeyEntity, { id }, { lastUsedAt: () => 'now()' });
  }

  list(tx: Tx, cooperativeId: string, cursor: string | undefined, limit: number): Promise<ApiKeyEntity[]> {
    const qb = tx.createQueryBuilder(ApiKeyEntity, 'k').where('k.cooperative_id = :cooperativeId', { cooperativeId });
    return keysetPage(qb, 'api_keys', cursor, limit, { cooperative_id: cooperativeId }).getMany();
  }
}
