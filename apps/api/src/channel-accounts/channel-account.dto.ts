import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Matches,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CHANNEL_TYPES, ChannelAccountEntity, ChannelType } from '@nhip/database';

export class CreateChannelAccountRequest {
  @ApiProperty({ enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES, { message: `Loại kênh phải là một trong: ${CHANNEL_TYPES.join(', ')}.` })
  type: ChannelType;

  @ApiProperty({ example: 'Trang thông tin điện tử phường Đak Bla' })
  @IsString()
  @MinLength(2, { message: 'Tên tài khoản kênh quá ngắn.' })
  @MaxLength(200, { message: 'Tên tài khoản kênh quá dài.' })
  name: string;

  @ApiPropertyOptional({
    description: 'Non-secret settings: site URL, page id, OA id, endpoint',
    example: { siteUrl: 'https://dakbla.quangngai.gov.vn' },
  })
  @IsOptional()
  @IsObject({ message: 'settings phải là một đối tượng JSON.' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Secrets (tokens, application passwords). Stored encrypted; never returned.',
    writeOnly: true,
  })
  @IsOptional()
  @IsObject({ message: 'credentials phải là một đối tượng JSON.' })
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'Giới hạn tốc độ phải ≥ 1 lượt/phút.' })
  @Max(10000, { message: 'Giới hạn tốc độ quá lớn.' })
  rateLimitPerMinute?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'Số luồng đồng thời phải từ 1 đến 50.' })
  @Max(50, { message: 'Số luồng đồng thời phải từ 1 đến 50.' })
  concurrency?: number;
}

/** Absent fields stay as they are; only the rate limit may be cleared with null. */
export class UpdateChannelAccountRequest {
  @ApiPropertyOptional({ example: 'Trang thông tin điện tử phường Đak Bla' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: 'Tên tài khoản kênh phải là chuỗi.' })
  @MinLength(2, { message: 'Tên tài khoản kênh quá ngắn.' })
  @MaxLength(200, { message: 'Tên tài khoản kênh quá dài.' })
  name?: string;

  @ApiPropertyOptional({ description: 'Non-secret settings, replaced as a whole' })
  @ValidateIf((_, value) => value !== undefined)
  @IsObject({ message: 'settings phải là một đối tượng JSON.' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, description: 'Calls per minute; null removes the limit' })
  @IsOptional()
  @IsInt({ message: 'Giới hạn tốc độ phải là số nguyên.' })
  @Min(1, { message: 'Giới hạn tốc độ phải ≥ 1 lượt/phút.' })
  @Max(10000, { message: 'Giới hạn tốc độ quá lớn.' })
  rateLimitPerMinute?: number | null;

  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined)
  @IsInt({ message: 'Số luồng đồng thời phải là số nguyên.' })
  @Min(1, { message: 'Số luồng đồng thời phải từ 1 đến 50.' })
  @Max(50, { message: 'Số luồng đồng thời phải từ 1 đến 50.' })
  concurrency?: number;

  @ApiPropertyOptional({
    description: 'Rehearsal: publications run through the whole engine, the channel only validates them',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean({ message: 'Chế độ diễn tập phải là true hoặc false.' })
  rehearsal?: boolean;

  @ApiPropertyOptional({
    type: [String],
    example: ['06:30', '11:00', '17:30'],
    description: 'Daily posting times (HH:mm, Asia/Ho_Chi_Minh) used by "next free slot"; [] removes them all',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsArray({ message: 'Khung giờ đăng phải là một danh sách giờ HH:mm.' })
  @ArrayMaxSize(48, { message: 'Tối đa 48 khung giờ đăng mỗi ngày.' })
  @IsString({ each: true, message: 'Mỗi khung giờ đăng phải là giờ HH:mm, ví dụ 06:30.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, {
    each: true,
    message: 'Mỗi khung giờ đăng phải là giờ HH:mm từ 00:00 đến 23:59, ví dụ 06:30.',
  })
  postingSlots?: string[];
}

export class ReplaceCredentialsRequest {
  @ApiProperty({ writeOnly: true })
  @IsObject({ message: 'credentials phải là một đối tượng JSON.' })
  credentials: Record<string, unknown>;
}

/** Credentials are never part of a response; only whether some are stored. */
export function mapChannelAccount(account: ChannelAccountEntity & { hasCredentials: boolean }) {
  return {
    id: account.id,
    agencyId: account.agencyId,
    type: account.type,
    name: account.name,
    settings: account.settings,
    hasCredentials: account.hasCredentials,
    status: account.status,
    statusReason: account.statusReason,
    /** The channel asked the whole account to wait (a throttled Page, a temporary block): nothing goes out before `until`. */
    coolingDown: coolingDownOf(account),
    /** Publishes to Nhịp's own sandbox (Môi trường thử nghiệm), never to the public. */
    sandbox: account.sandbox,
    rehearsal: account.rehearsal,
    rateLimitPerMinute: account.rateLimitPerMinute,
    concurrency: account.concurrency,
    postingSlots: account.postingSlots,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

function coolingDownOf(account: ChannelAccountEntity): { until: string; kind: string; reason: string } | null {
  if (!account.cooldownUntil || account.cooldownUntil.getTime() <= Date.now()) return null;
  const stored = account.cooldown ?? {};
  return {
    until: account.cooldownUntil.toISOString(),
    kind: typeof stored.kind === 'string' ? stored.kind : 'throttled',
    reason: typeof stored.message === 'string' ? stored.message : '',
  };
}
