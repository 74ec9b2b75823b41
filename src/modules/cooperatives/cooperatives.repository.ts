import { Injectable } from '@nestjs/common';
import { keysetPage } from '../../common/database/keyset';
import { Tx } from '../../common/database/unit-of-work';
import { CooperativeStatus } from './cooperative-type';
import { CooperativeEntity } from './entities/cooperative.entity';

@Injectable()
export class CooperativesRepository {
  create(
    tx: Tx,
    data: Pick<CooperativeEntity, 'name' | 'registrationNumber' | 'type' | 'district'>,
  ): Promise<CooperativeEntity> {
    return tx.save(CooperativeEntity, tx.create(CooperativeEntity, data));
  }

  findById(tx: Tx, id: string): Promise<CooperativeEntity | null> {
    return tx.findOneBy(CooperativeEntity, { id });
  }

  findByRegistrationNumber(tx: Tx, registrationNumber: string): Promise<CooperativeEntity | null> {
    return tx.findOneBy(CooperativeEntity, { registrationNumber });
  }

  /** Locks the row so concurrent status changes audit the true previous status. */
  findByIdForUpdate(tx: Tx, id: string): Promise<CooperativeEntity | null> {
    return tx.findOne(CooperativeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setStatus(tx: Tx, id: string, status: CooperativeStatus): Promise<void> {
    await tx.update(CooperativeEntity, { id }, { status });
  }

  list(tx: Tx, cursor: string | undefined, limit: number): Promise<CooperativeEntity[]> {
    return keysetPage(tx.createQueryBuilder(CooperativeEntity, 'c'), 'cooperatives', cursor, limit).getMany();
  }
}
