import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DomainError, UUID } from '@nhip/core';
import { ApprovalQueueService, VariantService } from '@nhip/editorial';
import { Principal } from '@nhip/identity';
import { CurrentPrincipal, RequestId, SignedIn } from '../http/auth.decorators';
import { MAX_OFFSET } from '../http/validators';

export class QueuePageQuery {
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1, { message: 'limit phải từ 1 đến 200.' })
  @Max(200, { message: 'limit phải từ 1 đến 200.' })
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0, { message: 'offset phải từ 0 đến 1000000.' })
  @Max(MAX_OFFSET, { message: 'offset phải từ 0 đến 1000000.' })
  offset?: number;
}

export class BulkApproveRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1, { message: 'Hãy chọn ít nhất một nội dung.' })
  @ArrayMaxSize(100, { message: 'Tối đa 100 nội dung mỗi lần.' })
  @Matches(UUID, { each: true, message: 'Mã nội dung không hợp lệ.' })
  variantIds: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Nhận xét quá dài.' })
  comment?: string;
}

export class BulkReturnRequest extends BulkApproveRequest {
  @ApiProperty()
  @IsString()
  @MinLength(2, { message: 'Hãy ghi rõ cần chỉnh sửa gì.' })
  @MaxLength(5000, { message: 'Nhận xét quá dài.' })
  declare comment: string;
}

@ApiTags('approval queue')
@ApiBearerAuth()
@Controller('queue')
export class QueueController {
  constructor(
    private readonly queue: ApprovalQueueService,
    private readonly variants: VariantService,
  ) {}

  /** Variants waiting for approval in the editor's reach, soonest first, with what changed since the last approval. */
  @Get()
  @SignedIn('reach: variants where the caller is an editor')
  async list(@Query() query: QueuePageQuery, @CurrentPrincipal() p: Principal) {
    return this.queue.list(p.userId, { limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  /** Approves each variant on its own; one refusal does not stop the others. */
  @Post('approve')
  @SignedIn("stored resource: editor at each variant's agency, checked per variant")
  @HttpCode(200)
  async approveAll(
    @Body() body: BulkApproveRequest,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId?: string,
  ) {
    return {
      results: await this.each(body.variantIds, (id) =>
        this.variants.approve(id, { userId: p.userId, requestId }, body.comment),
      ),
    };
  }

  @Post('return')
  @SignedIn("stored resource: editor at each variant's agency, checked per variant")
  @HttpCode(200)
  async returnAll(@Body() body: BulkReturnRequest, @CurrentPrincipal() p: Principal, @RequestId() requestId?: string) {
    return {
      results: await this.each(body.variantIds, (id) =>
        this.variants.requestChanges(id, { userId: p.userId, requestId }, body.comment),
      ),
    };
  }

  private async each(
    ids: string[],
    act: (id: string) => Promise<{ variant: { id: string; state: string }; warnings: unknown[] }>,
  ) {
    const results = [];
    for (const id of [...new Set(ids)]) {
      try {
        const { variant, warnings } = await act(id);
        results.push({ variantId: id, ok: true, state: variant.state, warnings });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ variantId: id, ok: false, error: { code: error.code, message: error.message } });
      }
    }
    return results;
  }
}
