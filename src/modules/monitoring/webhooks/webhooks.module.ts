import { Module } from '@nestjs/common';
import { WebhookDeliveryQueue } from './webhook-delivery-queue';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks: endpoints, signing, the delivery log (owner: webhooks/). */
@Module({
  controllers: [WebhooksController],
  providers: [WebhookDeliveryQueue, WebhooksService, WebhooksRepository, WebhookSecretCipher],
  exports: [WebhookDeliveryQueue, WebhooksRepository, WebhookSecretCipher],
})
export class WebhooksModule {}
