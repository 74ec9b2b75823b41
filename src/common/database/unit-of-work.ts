import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A transaction handle that services pass to repositories without touching TypeORM themselves. */
export type Tx = EntityManager;

@Injectable()
export class UnitOfWork {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The default manager, for single statements outside a transaction. */
  get manager(): Tx {
    return this.dataSource.manager;
  }
}
