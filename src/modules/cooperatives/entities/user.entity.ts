import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../../common/auth/role';
import { CooperativeEntity } from './cooperative.entity';

@Entity('users')
@Check(
  'ck_users_role',
  `role IN ('NETWORK_ADMIN', 'NETWORK_AUDITOR', 'COOP_ADMIN', 'LOAN_OFFICER', 'DATA_SUBMITTER', 'AUDITOR')`,
)
// Network staff have no coop; coop staff always have one.
@Check('ck_users_role_scope', `(role IN ('NETWORK_ADMIN', 'NETWORK_AUDITOR')) = (cooperative_id IS NULL)`)
@Check('ck_users_email_lower', `email = lower(email)`)
@Index(['cooperativeId', 'createdAt'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** Null for network staff. */
  @Column({ type: 'uuid', nullable: true })
  cooperativeId: string | null;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT', nullable: true })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /**
   * Last change of password, role or coop (stamped by a trigger, or by markCredentialsChanged); access tokens
   * issued before it are refused. Null: unchanged since the user was created.
   */
  @Column({ type: 'timestamptz', nullable: true })
  credentialsChangedAt: Date | null;
}
