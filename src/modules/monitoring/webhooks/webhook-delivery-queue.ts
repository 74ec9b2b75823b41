import { Injectable } from '@nestjs/common';

/** Producer of DELIVER_WEBHOOK jobs (job id = delivery id). Never fails the caller: the delivery rows are durable. */
@Injectable()
export class WebhookDeliveryQueue {
  /** After the alerts' transaction committed: a job per new delivery. */
   
  async enqueue(_deliveryIds: string[]): Promise<void> {
    // STUB: implemented by webhooks/
  }

  /** The net: PENDING deliveries whose job is gone (Redis outage, crash) get it again. Returns how many. */
   
  async requeueStuck(): Promise<number> {
    return 0; // STUB: implemented by webhooks/
  }
}
