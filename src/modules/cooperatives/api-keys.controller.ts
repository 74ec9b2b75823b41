import { UuidParam } from '../../common/validation/uuid-param';
import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentActor } from '../../common/auth/authenticated.decorator';
import { Actor } from '../../common/auth/principal';
import { Role } from '../../common/auth/role';
import { Page, PageQueryDto } from '../../common/pagination/page';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyResponse, CreatedApiKeyResponse } from './cooperatives.response';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly service: ApiKeysService) {}

  @Post()
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.service.createApiKey(actor, dto);
  }

  @Get()
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiOkResponse({ description: '{items: ApiKeyResponse[], nextCursor}; never the keys themselves' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<ApiKeyResponse>> {
    return this.service.listApiKeys(actor, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ roles: [Role.COOP_ADMIN] })
  @ApiNoContentResponse({ description: 'Revoked; the key stops working at once' })
  revoke(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    return this.service.revokeApiKey(actor, id);
  }
}
