import { Injectable } from '@nestjs/common';

@Injectable()
export class AlertRaiser {
  /**
   * Raises every alert still to raise: completed submissions and NEW_APPLICATION queries whose alerts_raised_at is
   * null, each marked in the transaction that inserts its alerts (and their webhook deliveries). Returns the count.
   */
   
  async raisePending(): Promise<number> {
    return 0; // STUB: implemented by alerts/
  }
}
