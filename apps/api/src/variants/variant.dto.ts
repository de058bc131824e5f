import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ValidationProblem } from '@nhip/channels';
import type { VariantEntity } from '@nhip/database';
import { IfPresent } from '../http/validation';
import { IsNotBlank } from '../http/validators';

export class ScheduleDto {
  @ApiPropertyOptional({
    example: '2026-10-05T02:00:00.000Z',
    description: 'Instant of the (first) occurrence; null clears the time',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'Thời điểm đăng phải theo định dạng ISO 8601, ví dụ 2026-10-05T09:00:00+07:00.' },
  )
  at?: string | null;

  @ApiPropertyOptional({ example: 'FREQ=WEEKLY;BYDAY=MO', description: 'RRULE in Vietnam time, anchored at "at"' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Quy tắc lặp quá dài.' })
  rrule?: string | null;

  @ApiPropertyOptional({ description: "Use the channel account's next free posting slot when approved" })
  @IfPresent()
  @IsBoolean({ message: 'nextFreeSlot phải là true hoặc false.' })
  nextFreeSlot?: boolean;
}

export class EditVariantRequest {
  @ApiPropertyOptional({ description: "Channel-shaped content (see the channel's rules)" })
  @IfPresent()
  @IsObject({ message: 'content phải là một đối tượng JSON.' })
  content?: Record<string, unknown>;

  @ApiPropertyOptional({ type: ScheduleDto, description: 'Replaced as a whole when sent' })
  @IfPresent()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @ApiPropertyOptional({ description: 'The revision the change was made on: 409 REVISION_CONFLICT if it has moved on' })
  @IfPresent()
  @IsInt({ message: 'Phiên bản ("revision") phải là số nguyên.' })
  @Min(1, { message: 'Phiên bản ("revision") không hợp lệ.' })
  @Max(1_000_000_000, { message: 'Phiên bản ("revision") không hợp lệ.' })
  revision?: number;
}

export class PreviewRequest {
  @ApiPropertyOptional({ description: 'Unsaved content to preview instead of the stored one' })
  @IsOptional()
  @IsObject({ message: 'content phải là một đối tượng JSON.' })
  content?: Record<string, unknown>;
}

export class ApproveRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Nhận xét quá dài.' })
  comment?: string;
}

export class ReturnRequest {
  @ApiProperty({ description: 'What to change; joins the story thread' })
  @IsString()
  @IsNotBlank({ message: 'Hãy ghi rõ cần chỉnh sửa gì.' })
  @MinLength(2, { message: 'Hãy ghi rõ cần chỉnh sửa gì.' })
  @MaxLength(5000, { message: 'Nhận xét quá dài.' })
  comment: string;
}

export function mapVariant(v: VariantEntity, problems: ValidationProblem[]) {
  return {
    id: v.id,
    storyId: v.storyId,
    channelAccountId: v.channelAccountId,
    channelType: v.channelType,
    state: v.state,
    revision: v.revision,
    content: v.content,
    schedule: { at: v.scheduledAt?.toISOString() ?? null, rrule: v.rrule, nextFreeSlot: v.useNextSlot },
    submittedAt: v.submittedAt?.toISOString() ?? null,
    lastApprovedRevision: v.lastApprovedRevision,
    /** The channel's rules checked now; a variant with problems cannot be submitted. */
    problems,
    createdBy: v.createdBy,
    updatedAt: v.updatedAt.toISOString(),
  };
}
