import { Module } from '@nestjs/common';
import { WebhooksModule } from './webhooks.module';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookSender } from './webhook-sender';
import { WebhooksProcessor } from './webhooks.processor';

/** The consumer of the webhooks queue. */
@Module({
  imports: [WebhooksModule],
  providers: [WebhooksProcessor, WebhookDeliverer, WebhookSender],
})
export class WebhooksWorkerModule {}
