import { Module } from '@nestjs/common';
import { WebhookDeliveryQueue } from './webhook-delivery-queue';

/** Webhooks: endpoints, signing, the delivery log (owner: webhooks/). */
@Module({
  providers: [WebhookDeliveryQueue],
  exports: [WebhookDeliveryQueue],
})
export class WebhooksModule {}
