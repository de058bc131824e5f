import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { UUID } from '@nhip/core';
import { CHANNEL_TYPES } from '@nhip/database';
import { RELAY_LEVELS } from '@nhip/editorial';
import { IfPresent } from '../http/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

export class RelayWindowRequest {
  @ApiProperty({ example: '2026-10-10T07:00:00+07:00', description: 'From when the communes may publish it' })
  @IsISO8601({ strict: true }, { message: 'Thời điểm bắt đầu phải theo ISO 8601, ví dụ 2026-10-10T07:00:00+07:00.' })
  from: string;

  @ApiProperty({ example: '2026-10-10T11:00:00+07:00', description: 'Until when; answers after it are refused' })
  @IsISO8601({ strict: true }, { message: 'Thời điểm kết thúc phải theo ISO 8601, ví dụ 2026-10-10T11:00:00+07:00.' })
  to: string;
}

export class OfferRelayRequest {
  @ApiPropertyOptional({ type: [String], description: 'The agencies offered it, each below the story’s agency' })
  @IsOptional()
  @IsArray({ message: 'Danh sách cơ quan ("agencies") phải là một danh sách.' })
  @ArrayMinSize(1, { message: 'Chọn ít nhất một cơ quan.' })
  @ArrayMaxSize(5000, { message: 'Tối đa 5.000 cơ quan mỗi lần.' })
  @Matches(UUID, { each: true, message: 'Mã cơ quan không hợp lệ.' })
  agencies?: string[];

  @ApiPropertyOptional({
    enum: ['communes', 'subordinates'],
    description: 'Instead of a list: every commune and ward below, or the direct subordinates',
  })
  @IsOptional()
  @IsIn(['communes', 'subordinates'], { message: 'Phạm vi ("scope") chỉ nhận communes hoặc subordinates.' })
  scope?: 'communes' | 'subordinates';

  @ApiProperty({ type: RelayWindowRequest })
  @ValidateNested()
  @Type(() => RelayWindowRequest)
  window: RelayWindowRequest;

  @ApiProperty({ enum: CHANNEL_TYPES, isArray: true })
  @IsArray({ message: 'Loại kênh ("channels") phải là một danh sách.' })
  @ArrayMinSize(1, { message: 'Chọn ít nhất một loại kênh.' })
  @ArrayMaxSize(CHANNEL_TYPES.length, { message: 'Loại kênh bị lặp.' })
  @IsIn(CHANNEL_TYPES, { each: true, message: `Loại kênh chỉ nhận: ${CHANNEL_TYPES.join(', ')}.` })
  channels: Array<(typeof CHANNEL_TYPES)[number]>;

  @ApiPropertyOptional({ enum: RELAY_LEVELS, description: 'Loudspeaker bulletin level (Circular 39/2020)' })
  @IfPresent()
  @IsIn(RELAY_LEVELS, { message: 'Mức bản tin chỉ nhận normal, priority hoặc emergency.' })
  level?: (typeof RELAY_LEVELS)[number];

  @ApiPropertyOptional({ description: 'The text must be carried verbatim' })
  @IfPresent()
  @IsBoolean({ message: 'locked phải là true hoặc false.' })
  locked?: boolean;

  @ApiPropertyOptional({ example: 'Đề nghị các xã, phường đăng trong buổi sáng 10/10.' })
  @IfPresent()
  @Transform(trim)
  @IsString({ message: 'Ghi chú phải là chữ.' })
  @MaxLength(2000, { message: 'Ghi chú dài tối đa 2000 ký tự.' })
  note?: string;
}

export class RelayEditsRequest {
  @ApiPropertyOptional()
  @IfPresent()
  @IsString({ message: 'Tiêu đề phải là chữ.' })
  @MinLength(1, { message: 'Tiêu đề không được để trống.' })
  @MaxLength(500, { message: 'Tiêu đề quá dài.' })
  title?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString({ message: 'Tóm tắt phải là chữ.' })
  @MaxLength(5000, { message: 'Tóm tắt quá dài.' })
  summary?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString({ message: 'Nội dung phải là chữ.' })
  @MaxLength(200_000, { message: 'Nội dung quá dài.' })
  body?: string;
}

export class AdoptRelayRequest {
  @ApiPropertyOptional({ type: [String], description: 'Default: every account of the agency of an offered type' })
  @IfPresent()
  @IsArray({ message: 'Tài khoản kênh phải là một danh sách.' })
  @ArrayMaxSize(50, { message: 'Tối đa 50 tài khoản kênh.' })
  @Matches(UUID, { each: true, message: 'Mã tài khoản kênh không hợp lệ.' })
  channelAccountIds?: string[];

  @ApiPropertyOptional({ type: RelayEditsRequest, description: 'Local edits (refused when the offer is locked)' })
  @IfPresent()
  @ValidateNested()
  @Type(() => RelayEditsRequest)
  edits?: RelayEditsRequest;
}

export class DeclineRelayRequest {
  @ApiProperty({ example: 'Phường đã đăng tin cùng nội dung trong tuần.' })
  @Transform(trim)
  @IsString({ message: 'Ghi lý do không sử dụng tin ("reason").' })
  @MinLength(3, { message: 'Ghi lý do không sử dụng tin ("reason").' })
  @MaxLength(2000, { message: 'Lý do dài tối đa 2000 ký tự.' })
  reason: string;
}
