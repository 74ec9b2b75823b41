import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../../common/auth/role';
import { CooperativeEntity } from './cooperative.entity';

@Entity('api_keys')
@Check('ck_api_keys_role', `role IN ('LOAN_OFFICER', 'DATA_SUBMITTER')`)
@Index(['cooperativeId', 'createdAt'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** HMAC-SHA256 of the whole key under API_KEY_HASH_SECRET, hex; the key itself is never stored. */
  @Column({ type: 'char', length: 64, unique: true })
  keyHash: string;

  /** The first characters of the key, so people can tell their keys apart. */
  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
