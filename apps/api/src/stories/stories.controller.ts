import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@nhip/audit';
import { ChannelRegistry } from '@nhip/channels';
import { CommentService, StoryService, VariantService } from '@nhip/editorial';
import { AccessPolicy, AgencyService, Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, RequestId, SignedIn } from '../http/auth.decorators';
import { mapVariant } from '../variants/variant.dto';
import {
  AddCommentRequest,
  CreateStoryRequest,
  GenerateVariantsRequest,
  mapStory,
  StorySearchQuery,
  UpdateStoryRequest,
} from './story.dto';

@ApiTags('stories')
@ApiBearerAuth()
@Controller()
export class StoriesController {
  constructor(
    private readonly stories: StoryService,
    private readonly variants: VariantService,
    private readonly comments: CommentService,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly agencies: AgencyService,
    private readonly channels: ChannelRegistry,
  ) {}

  @Post('agencies/:agencyId/stories')
  @AgencyAccess('officer', { param: 'agencyId' })
  async create(
    @Param('agencyId') agencyId: string,
    @Body() body: CreateStoryRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return mapStory(await this.stories.create(agencyId, body, principal.userId));
  }

  /** Stories in reach (or of one agency and those below it), newest first; search with or without diacritics. */
  @Get('stories')
  @SignedIn('reach: stories of agencies the caller reaches')
  async search(@Query() query: StorySearchQuery, @CurrentPrincipal() principal: Principal) {
    let agencyIds: string[];
    if (query.agency) {
      await this.access.assertRole(principal.userId, query.agency, 'viewer');
      agencyIds = await this.agencies.subtree(query.agency);
    } else {
      agencyIds = [...(await this.access.reachableAgencies(principal.userId)).keys()];
    }
    const result = await this.stories.search(agencyIds, query.q, {
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
    });
    return { total: result.total, items: result.items.map(mapStory) };
  }

  @Get('stories/:id')
  @AgencyAccess('viewer', { param: 'id', resource: 'story' })
  async get(@Param('id') id: string) {
    const story = await this.stories.get(id);
    const variants = await this.variants.listForStory(id);
    return {
      ...mapStory(story),
      variants: variants.map((v) => mapVariant(v, this.channels.get(v.channelType).validate(v.content))),
    };
  }

  @Patch('stories/:id')
  @AgencyAccess('officer', { param: 'id', resource: 'story' })
  async update(@Param('id') id: string, @Body() body: UpdateStoryRequest, @CurrentPrincipal() principal: Principal) {
    return mapStory(await this.stories.update(id, body, principal.userId));
  }

  /** Drafts a variant per channel account from the story; each is then edited and submitted. */
  @Post('stories/:id/variants/generate')
  @AgencyAccess('officer', { param: 'id', resource: 'story' })
  async generate(
    @Param('id') id: string,
    @Body() body: GenerateVariantsRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    const created = await this.variants.generate(id, body.channelAccountIds, { userId: principal.userId, requestId });
    return created.map((v) => mapVariant(v, this.channels.get(v.channelType).validate(v.content)));
  }

  @Get('stories/:id/comments')
  @AgencyAccess('viewer', { param: 'id', resource: 'story' })
  async thread(@Param('id') id: string) {
    return this.comments.thread(id);
  }

  @Post('stories/:id/comments')
  @AgencyAccess('officer', { param: 'id', resource: 'story' })
  async comment(@Param('id') id: string, @Body() body: AddCommentRequest, @CurrentPrincipal() principal: Principal) {
    const c = await this.comments.add(id, body, principal.userId);
    return {
      id: c.id,
      storyId: c.storyId,
      variantId: c.variantId,
      parentId: c.parentId,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** Every step taken on the story and its variants, in order: who, when, before and after. */
  @Get('stories/:id/audit')
  @AgencyAccess('viewer', { param: 'id', resource: 'story' })
  async trail(@Param('id') id: string) {
    return (await this.audit.storyTrail(id)).map((e) => ({
      id: e.id,
      at: e.occurredAt.toISOString(),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      actorUserId: e.actorUserId,
      data: e.data,
    }));
  }
}
