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

  /** English. */
  @Column({ type: 'text' })
  message: string;

  /** The same in Bahasa Indonesia; null for errors stored before issue 18. */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  /** The column as the uploaded file wrote it (`plafon_awal`); the JSON field for JSON; null before issue 18. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  columnName: string | null;

  /** The row's own loan reference (no_rekening), when it was valid; null for file-level errors. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  loanRef: string | null;
}
