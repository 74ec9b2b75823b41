import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../../common/auth/authenticated.decorator';
import { Actor } from '../../../common/auth/principal';
import { Role } from '../../../common/auth/role';
import { Page } from '../../../common/pagination/page';
import { UuidParam } from '../../../common/validation/uuid-param';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListDeliveriesDto } from './dto/list-deliveries.dto';
import {
  CreatedWebhookResponse,
  DeliveryPageResponse,
  DeliveryResponse,
  WebhookListResponse,
} from './webhook.response';
import { WebhooksService } from './webhooks.service';

@ApiTags('monitoring')
@Controller('api/v1/monitoring/webhooks')
export class WebhooksController {
  constructor(private readonly service: WebhooksService) {}

  @Post()
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiBadRequestResponse({ description: 'MONITORING.WEBHOOK_URL_REFUSED (details name `url`), VALIDATION' })
  @ApiConflictResponse({ description: 'MONITORING.WEBHOOK_LIMIT: the coop already has 5 webhooks' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    return this.service.create(actor, dto);
  }

  @Get()
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiOkResponse({ type: WebhookListResponse, description: "The coop's live webhooks; never their secrets" })
  list(@CurrentActor() actor: Actor): Promise<WebhookListResponse> {
    return this.service.list(actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiNoContentResponse({ description: 'Deleted; its pending deliveries are not sent any more' })
  @ApiNotFoundResponse({ description: "MONITORING.WEBHOOK_NOT_FOUND: no live webhook of the caller's coop" })
  remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    return this.service.remove(actor, id);
  }

  @Get(':id/deliveries')
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiOkResponse({ type: DeliveryPageResponse, description: 'The delivery log, newest first' })
  @ApiNotFoundResponse({ description: "MONITORING.WEBHOOK_NOT_FOUND: no webhook of the caller's coop" })
  deliveries(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() query: ListDeliveriesDto,
  ): Promise<Page<DeliveryResponse>> {
    return this.service.deliveries(actor, id, query);
  }
}
