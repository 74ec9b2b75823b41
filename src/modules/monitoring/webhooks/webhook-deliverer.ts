import { Injectable } from '@nestjs/common';

@Injectable()
export class WebhookDeliverer {
  /** One attempt of one delivery: POST the signed alert; throws to have BullMQ retry with backoff. */
   
  async deliver(_deliveryId: string, _attempt: number): Promise<void> {
    // STUB: implemented by webhooks/
  }
}
