import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CooperativeEntity } from '../../cooperatives/entities/cooperative.entity';

/** A coop's endpoint for alerts. The signing secret is kept sealed (AES-256-GCM): it must be used, not only checked. */
@Entity('monitoring_webhooks')
@Index('ix_monitoring_webhooks_live', ['cooperativeId'], { where: `deleted_at IS NULL` })
export class MonitoringWebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @ManyToOne(() => CooperativeEntity, { onDelete: 'RESTRICT' })
  cooperative?: CooperativeEntity;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'bytea' })
  secretSealed: Buffer;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Deleted webhooks stay so their delivery log keeps its meaning; nothing more is sent to them. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
