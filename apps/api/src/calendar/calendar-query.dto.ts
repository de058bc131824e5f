import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CALENDAR_KINDS, CalendarKind } from '@nhip/calendar';
import { UUID } from '@nhip/core';
import { CHANNEL_TYPES, ChannelType } from '@nhip/database';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : Array.isArray(value)
      ? value.flatMap((v) => String(v).split(','))
      : value;

export class CalendarRangeQuery {
  @ApiProperty({ example: '2026-10-01', description: 'First local day (Asia/Ho_Chi_Minh), inclusive' })
  @Matches(DAY, { message: 'Tham số "from" phải là ngày dạng YYYY-MM-DD.' })
  from: string;

  @ApiProperty({ example: '2026-10-31', description: 'Last local day, inclusive; at most one year after "from"' })
  @Matches(DAY, { message: 'Tham số "to" phải là ngày dạng YYYY-MM-DD.' })
  to: string;

  @ApiPropertyOptional({ description: 'Only this agency and the agencies below it' })
  @IsOptional()
  @Matches(UUID, { message: 'Tham số "agency" phải là mã cơ quan (UUID).' })
  agency?: string;
}

export class CalendarQuery extends CalendarRangeQuery {
  @ApiPropertyOptional({ description: 'Comma-separated: publication, task, peak, report' })
  @IsOptional()
  @Transform(list)
  @IsIn(CALENDAR_KINDS, { each: true, message: `Tham số "kind" chỉ nhận: ${CALENDAR_KINDS.join(', ')}.` })
  kind?: CalendarKind[];

  @ApiPropertyOptional({ description: 'Comma-separated channel types; only publications are returned' })
  @IsOptional()
  @Transform(list)
  @IsIn(CHANNEL_TYPES, { each: true, message: `Tham số "channelType" chỉ nhận: ${CHANNEL_TYPES.join(', ')}.` })
  channelType?: ChannelType[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'Tham số "campaign" phải là mã chiến dịch (UUID).' })
  campaign?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'Tham số "planTask" phải là mã nhiệm vụ (UUID).' })
  planTask?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses, e.g. scheduled,published,ongoing,due,peak' })
  @IsOptional()
  @Transform(list)
  @Matches(/^[a-z_]{2,30}$/, { each: true, message: 'Tham số "status" không hợp lệ.' })
  status?: string[];
}

export class CalendarSummaryQuery extends CalendarRangeQuery {
  @ApiPropertyOptional({ description: 'Comma-separated channel types' })
  @IsOptional()
  @Transform(list)
  @IsIn(CHANNEL_TYPES, { each: true, message: `Tham số "channelType" chỉ nhận: ${CHANNEL_TYPES.join(', ')}.` })
  channelType?: ChannelType[];
}
