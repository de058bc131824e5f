import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { UUID } from '@nhip/core';
import { AUDIENCES } from '@nhip/editorial';
import { STORY_FORMATS, StoryFormat, type StoryEntity } from '@nhip/database';
import { IfPresent } from '../http/validation';
import { IsNotBlank, MAX_OFFSET } from '../http/validators';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

class StoryMediaDto {
  @ApiProperty({ enum: ['image', 'audio'] })
  @IsIn(['image', 'audio'], { message: 'Loại tệp phải là image hoặc audio.' })
  kind: 'image' | 'audio';

  @ApiProperty({ example: 'https://dakbla.example.gov.vn/anh/ngay-hoi.jpg' })
  @Matches(/^https?:\/\/\S+$/, { message: 'Đường dẫn tệp phải bắt đầu bằng http:// hoặc https://.' })
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Chú thích quá dài.' })
  caption?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Mô tả ảnh quá dài.' })
  alt?: string;
}

class StoryFields {
  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(20000, { message: 'Tóm tắt quá dài.' })
  summary?: string;

  @ApiPropertyOptional()
  @IfPresent()
  @IsString()
  @MaxLength(200000, { message: 'Nội dung quá dài.' })
  body?: string;

  @ApiPropertyOptional({
    enum: STORY_FORMATS,
    default: 'news',
    description: 'news (tin), article (bài), feature (phóng sự), video, infographic, broadcast',
  })
  @IfPresent()
  @IsIn(STORY_FORMATS, { message: `Thể loại chỉ nhận: ${STORY_FORMATS.join(', ')}.` })
  format?: StoryFormat;

  @ApiPropertyOptional({ enum: AUDIENCES, isArray: true })
  @IfPresent()
  @IsArray({ message: 'Đối tượng phải là một danh sách.' })
  @ArrayMaxSize(AUDIENCES.length, { message: 'Danh sách đối tượng quá dài.' })
  @IsIn(AUDIENCES, { each: true, message: `Đối tượng chỉ nhận: ${AUDIENCES.join(', ')}.` })
  audiences?: string[];

  @ApiPropertyOptional({ example: 'vi', description: 'BCP 47: vi, or an ethnic-minority language (hnj, tay, …)' })
  @IfPresent()
  @Matches(LANGUAGE, { message: 'Mã ngôn ngữ không hợp lệ (ví dụ: vi, hnj, tay).' })
  language?: string;

  @ApiPropertyOptional({ nullable: true, description: 'The Vietnamese story this one translates; null unlinks' })
  @IsOptional()
  @Matches(UUID, { message: 'Mã tin gốc không hợp lệ.' })
  sourceStoryId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null unlinks' })
  @IsOptional()
  @Matches(UUID, { message: 'Mã chiến dịch không hợp lệ.' })
  campaignId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null unlinks' })
  @IsOptional()
  @Matches(UUID, { message: 'Mã nhiệm vụ kế hoạch không hợp lệ.' })
  planTaskId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null unlinks' })
  @IsOptional()
  @Matches(UUID, { message: 'Mã đợt cao điểm không hợp lệ.' })
  peakId?: string | null;

  @ApiPropertyOptional({ type: [StoryMediaDto] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(30, { message: 'Tối đa 30 tệp đính kèm.' })
  @ValidateNested({ each: true })
  @Type(() => StoryMediaDto)
  media?: StoryMediaDto[];
}

export class CreateStoryRequest extends StoryFields {
  @ApiProperty({ example: 'Ngày hội toàn dân học tập số tại phường Đăk Bla' })
  @IsString({ message: 'Tiêu đề phải là chuỗi ký tự.' })
  @IsNotBlank({ message: 'Tiêu đề không được để trống.' })
  @MinLength(2, { message: 'Tiêu đề quá ngắn.' })
  @MaxLength(500, { message: 'Tiêu đề quá dài.' })
  title: string;
}

export class UpdateStoryRequest extends StoryFields {
  @ApiPropertyOptional()
  @IfPresent()
  @IsString({ message: 'Tiêu đề phải là chuỗi ký tự.' })
  @IsNotBlank({ message: 'Tiêu đề không được để trống.' })
  @MinLength(2, { message: 'Tiêu đề quá ngắn.' })
  @MaxLength(500, { message: 'Tiêu đề quá dài.' })
  title?: string;
}

export class StorySearchQuery {
  @ApiPropertyOptional({ description: 'Only this agency and those below it' })
  @IsOptional()
  @Matches(UUID, { message: 'Tham số "agency" không hợp lệ.' })
  agency?: string;

  @ApiPropertyOptional({ description: 'Words in title, summary or body, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Từ khóa quá dài.' })
  q?: string;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1, { message: 'limit phải từ 1 đến 100.' })
  @Max(100, { message: 'limit phải từ 1 đến 100.' })
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0, { message: 'offset phải từ 0 đến 1000000.' })
  @Max(MAX_OFFSET, { message: 'offset phải từ 0 đến 1000000.' })
  offset?: number;
}

export class GenerateVariantsRequest {
  @ApiProperty({ description: 'Channel accounts to draft a variant for', type: [String] })
  @IsArray()
  @ArrayMaxSize(20, { message: 'Tối đa 20 kênh mỗi lần.' })
  @Matches(UUID, { each: true, message: 'Mã tài khoản kênh không hợp lệ.' })
  channelAccountIds: string[];
}

export class AddCommentRequest {
  @ApiProperty()
  @IsString()
  @IsNotBlank({ message: 'Bình luận không được để trống.' })
  @MaxLength(5000, { message: 'Bình luận quá dài.' })
  body: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'Mã nội dung theo kênh không hợp lệ.' })
  variantId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'Mã bình luận không hợp lệ.' })
  parentId?: string;
}

export function mapStory(s: StoryEntity) {
  return {
    id: s.id,
    agencyId: s.agencyId,
    title: s.title,
    summary: s.summary,
    body: s.body,
    format: s.format,
    audiences: s.audiences,
    language: s.language,
    sourceStoryId: s.sourceStoryId,
    campaignId: s.campaignId,
    planTaskId: s.planTaskId,
    peakId: s.peakId,
    media: s.media,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
