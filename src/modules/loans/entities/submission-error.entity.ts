import { SubmissionEntity } from './submission.entity';
import { Column, Entity, PrimaryColumn, ManyToOne } from 'typeorm';

@Entity('submission_errors')
export class SubmissionErrorEntity {
  @PrimaryColumn({ type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  submission?: SubmissionEntity;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  /** 1-based record index (JSON) or file line (CSV, header = line 1); 0 for file-level errors. */
  @Column({ type: 'integer' })
  row: number;

  @Column({ type: 'varchar', length: 100 })
  field: string;

  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'text' })
  message: string;
}
