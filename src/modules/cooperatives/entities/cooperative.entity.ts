import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CooperativeStatus, CooperativeType } from '../cooperative-type';

@Entity('cooperatives')
@Check('ck_cooperatives_type', `type IN ('KSP', 'KSPPS', 'USP', 'UPPS', 'KSU')`)
@Check('ck_cooperatives_status', `status IN ('ACTIVE', 'SUSPENDED')`)
export class CooperativeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  registrationNumber: string;

  @Column({ type: 'varchar', length: 10 })
  type: CooperativeType;

  @Column({ type: 'varchar', length: 100 })
  district: string;

  @Column({ type: 'varchar', length: 10, default: CooperativeStatus.ACTIVE })
  status: CooperativeStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
