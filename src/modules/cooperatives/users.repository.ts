import { Injectable } from '@nestjs/common';
import { CursorScope, keysetPage } from '../../common/database/keyset';
import { Tx } from '../../common/database/unit-of-work';
import { AccountState } from './account-check';
import { UserEntity } from './entities/user.entity';

export type NewUser = Pick<UserEntity, 'email' | 'name' | 'role' | 'cooperativeId' | 'passwordHash'>;

@Injectable()
export class UsersRepository {
  create(tx: Tx, data: NewUser): Promise<UserEntity> {
    return tx.save(UserEntity, tx.create(UserEntity, data));
  }

  findByEmail(tx: Tx, email: string): Promise<UserEntity | null> {
    return tx.findOneBy(UserEntity, { email });
  }

  /** What every access token is checked against; by primary key. */
  async findAccountState(tx: Tx, id: string): Promise<AccountState | null> {
    const row = await tx.findOne(UserEntity, {
      select: { role: true, cooperativeId: true, credentialsChangedAt: true },
      where: { id },
    });
    return row
      ? { role: row.role, cooperativeId: row.cooperativeId, credentialsChangedAt: row.credentialsChangedAt }
      : null;
  }

  /**
   * Ends every access token issued so far (the trigger does this by itself when the password hash, role or coop
   * change; this is for changes it cannot see, such as disabling the user). Returns false for an unknown user.
   */
  async markCredentialsChanged(tx: Tx, id: string): Promise<boolean> {
    const result = await tx.update(UserEntity, { id }, { credentialsChangedAt: () => 'clock_timestamp()' });
    return (result.affected ?? 0) > 0;
  }

  async touchLastLogin(tx: Tx, id: string): Promise<void> {
    await tx.update(UserEntity, { id }, { lastLoginAt: () => 'now()' });
  }

  /** cooperativeId undefined lists everyone (network staff); null lists network staff only. */
  list(
    tx: Tx,
    cooperativeId: string | null | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<UserEntity[]> {
    const qb = tx.createQueryBuilder(UserEntity, 'u');
    if (cooperativeId === null) qb.where('u.cooperative_id IS NULL');
    else if (cooperativeId !== undefined) qb.where('u.cooperative_id = :cooperativeId', { cooperativeId });
    const scope: CursorScope = cooperativeId === undefined ? {} : { cooperative_id: cooperativeId };
    return keysetPage(qb, 'users', cursor, limit, scope).getMany();
  }
}
