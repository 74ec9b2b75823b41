import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { Tx } from '../database/unit-of-work';

type Callbacks = { kcxAfterCommit?: (() => void)[] };
const callbacksOf = (runner: QueryRunner) => runner.data as Callbacks;

/**
 * Runs `work` once the transaction `tx` belongs to has committed, and never if it rolls back: a counter of rows
 * applied must not count a file whose transaction a crash or a retry undid. Outside a transaction it runs at once.
 */
export function afterCommit(tx: Tx, work: () => void): void {
  const runner = tx.queryRunner;
  if (!runner?.isTransactionActive) return work();
  (callbacksOf(runner).kcxAfterCommit ??= []).push(work);
}

/** Registered on the DataSource by MetricsModule; fires the callbacks afterCommit() left on the query runner. */
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    // A released savepoint also "commits": wait for the outermost transaction.
    if (queryRunner.isTransactionActive) return;
    const callbacks = callbacksOf(queryRunner).kcxAfterCommit;
    if (!callbacks) return;
    callbacksOf(queryRunner).kcxAfterCommit = undefined;
    for (const callback of callbacks) {
      try {
        callback();
      } catch {
        // The data is committed; a failing side effect must not make the caller believe otherwise.
      }
    }
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) callbacksOf(queryRunner).kcxAfterCommit = undefined;
  }
}
