import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DELIVERY_STATUS_LIST, DeliveryStatus } from '../monitoring-types';
import { MonitoringAlertEntity } from './monitoring-alert.entity';
import { MonitoringWebhookEntity } from './monitoring-webhook.entity';

/** One alert to one webhook: created with the alert, in its transaction; the queue only carries out the sending. */
@Entity('monitoring_webhook_deliveries')
@Unique('uq_monitoring_webhook_deliveries', ['webhookId', 'alertId'])
@Index('ix_monitoring_webhook_deliveries_pending', ['createdAt'], { where: `status = 'PENDING'` })
@Index(['webhookId', 'createdAt'])
@Check('ck_monitoring_webhook_deliveries_status', `status IN (${DELIVERY_STATUS_LIST})`)
export class MonitoringWebhookDeliveryEntity {
  /** Also the X-KCX-Delivery header and the job id. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => MonitoringWebhookEntity, { onDelete: 'CASCADE' })
  webhook?: MonitoringWebhookEntity;

  @Column({ type: 'uuid' })
  alertId: string;

  @ManyToOne(() => MonitoringAlertEntity, { onDelete: 'CASCADE' })
  alert?: MonitoringAlertEntity;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'varchar', length: 10 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
