import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { expandRecurrence, startOfLocalDay, addLocalDays, validateRecurrence } from '@nhip/calendar';
import { CalendarRangeQuery } from './calendar-query.dto';
import { checkRange } from './calendar.controller';
import { IsWallTime } from '../http/validators';
import { SignedIn } from '../http/auth.decorators';

export class RecurrencePreviewRequest extends CalendarRangeQuery {
  @ApiProperty({ example: 'FREQ=WEEKLY;BYDAY=MO,TH', description: 'RFC 5545 RRULE, in Asia/Ho_Chi_Minh wall time' })
  @IsString()
  @MaxLength(500, { message: 'Quy tắc lặp quá dài.' })
  rrule: string;

  @ApiProperty({ example: '2026-09-07T07:30', description: 'First occurrence, local wall time' })
  @IsWallTime({ message: 'dtstart phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm (giờ Việt Nam).' })
  dtstart: string;

  @ApiPropertyOptional({ example: ['2026-09-10T07:30'], description: 'Excluded starts (EXDATE)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366, { message: 'Tối đa 366 ngày loại trừ.' })
  @IsWallTime({ each: true, message: 'Mỗi ngày loại trừ phải có dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm.' })
  exdates?: string[];

  @ApiPropertyOptional({ default: 500, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'maxCount phải từ 1 đến 1000.' })
  @Max(1000, { message: 'maxCount phải từ 1 đến 1000.' })
  maxCount?: number;
}

/** Checks a recurrence and lists its occurrences in a range, for the composer's recurrence editor. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('recurrence')
export class RecurrenceController {
  @Post('preview')
  @SignedIn('none: computes occurrences of the rule sent, reads no data')
  @HttpCode(200)
  preview(@Body() body: RecurrencePreviewRequest) {
    checkRange(body);
    const rule = validateRecurrence({ rrule: body.rrule, dtstart: body.dtstart, exdates: body.exdates });
    const occurrences = expandRecurrence(
      rule,
      { from: startOfLocalDay(body.from), to: startOfLocalDay(addLocalDays(body.to, 1)) },
      { maxCount: body.maxCount ?? 500 },
    );
    return { rrule: rule.rrule, frequency: rule.frequency, occurrences: occurrences.map((o) => o.toISOString()) };
  }
}
