import { SubmissionEntity } from './submission.entity';
import { Column, Entity, PrimaryColumn, ManyToOne } from 'typeorm';

/** An uploaded CSV, stored in Postgres in order before the 202: an accepted file survives any crash or Redis outage. */
@Entity('submission_chunks')
export class SubmissionChunkEntity {
  @PrimaryColumn({ type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  submission?: SubmissionEntity;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
