import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { DomainError, UUID } from '@nhip/core';
import { MIN_SOURCE_LENGTH, NARRATIVE_MAX_LENGTH, parseReportPeriod } from '@nhip/reporting';

const TARGET_KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

/** "2026-H1", "2026-H2", "2026" or {from, to}; the message says what is wrong, in Vietnamese. */
function IsReportPeriod(): PropertyDecorator {
  return ValidateBy({
    name: 'isReportPeriod',
    validator: {
      validate: (value: unknown) => {
        try {
          parseReportPeriod(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: (args?: ValidationArguments) => {
        try {
          parseReportPeriod(args?.value);
          return 'Kỳ báo cáo không hợp lệ.';
        } catch (error) {
          return error instanceof DomainError ? error.message : 'Kỳ báo cáo không hợp lệ.';
        }
      },
    },
  });
}

const PERIOD_SCHEMA = {
  oneOf: [
    {
      type: 'string',
      example: '2026-H1',
      description: '"YYYY-H1" (first half), "YYYY-H2" (second half) or "YYYY" (whole year)',
    },
    {
      type: 'object',
      properties: { from: { type: 'string', example: '2026-01-01' }, to: { type: 'string', example: '2026-03-31' } },
      required: ['from', 'to'],
    },
  ],
};

export class ReportSignerRequest {
  @ApiPropertyOptional({
    enum: ['TM', 'KT', 'Q'],
    description: 'TM. (for the collective), KT. (a deputy for the head), Q. (acting); default: TM. for a committee',
  })
  @IsOptional()
  @IsIn(['TM', 'KT', 'Q'], { message: 'Hình thức ký ("form") chỉ nhận TM, KT hoặc Q.' })
  form?: 'TM' | 'KT' | 'Q';

  @ApiPropertyOptional({ example: 'PHÓ CHỦ TỊCH', description: "The signer's title when not the default" })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Chức vụ người ký phải là chữ.' })
  @MinLength(2, { message: 'Chức vụ người ký quá ngắn.' })
  @MaxLength(80, { message: 'Chức vụ người ký dài tối đa 80 ký tự.' })
  title?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Đại Trà' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Họ tên người ký phải là chữ.' })
  @MinLength(2, { message: 'Họ tên người ký quá ngắn.' })
  @MaxLength(80, { message: 'Họ tên người ký dài tối đa 80 ký tự.' })
  name?: string;
}

/** Who signs a report, the drafting unit on its archive line, and its further recipients. */
class ReportDocumentRequest {
  @ApiPropertyOptional({ type: ReportSignerRequest, description: 'Who signs this report' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportSignerRequest)
  signer?: ReportSignerRequest;

  @ApiPropertyOptional({ example: 'VHXH', description: 'The drafting unit on the archive line ("Lưu: VT, VHXH.")' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'Đơn vị soạn thảo phải là chữ.' })
  @MinLength(1, { message: 'Đơn vị soạn thảo không được để trống.' })
  @MaxLength(20, { message: 'Đơn vị soạn thảo viết tắt, tối đa 20 ký tự.' })
  draftingUnit?: string;

  @ApiPropertyOptional({ type: [String], description: '"Nơi nhận" besides the plans\' and the agency\'s own' })
  @IsOptional()
  @IsArray({ message: 'Nơi nhận phải là một danh sách.' })
  @ArrayMaxSize(20, { message: 'Nơi nhận tối đa 20 mục.' })
  @IsString({ each: true, message: 'Mỗi nơi nhận phải là chữ.' })
  @MinLength(2, { each: true, message: 'Tên nơi nhận quá ngắn.' })
  @MaxLength(200, { each: true, message: 'Tên nơi nhận dài tối đa 200 ký tự.' })
  recipients?: string[];
}

export class CreateReportRequest extends ReportDocumentRequest {
  @ApiPropertyOptional({ description: "The reporting agency; default: the caller's agency (when they belong to one)" })
  @IsOptional()
  @Matches(UUID, { message: 'Mã cơ quan ("agency") không hợp lệ.' })
  agency?: string;

  @ApiPropertyOptional({
    description:
      'Only this plan; default: every plan of the agency (and those below it) whose period meets the report period',
  })
  @IsOptional()
  @Matches(UUID, { message: 'Mã kế hoạch ("plan") không hợp lệ.' })
  plan?: string;

  @ApiProperty(PERIOD_SCHEMA)
  @IsReportPeriod()
  period: string | { from: string; to: string };
}

/** The revision the caller saw: a change of a report that has moved on since is refused (409). */
export class ReportRevisionRequest {
  @ApiProperty({ example: 1 })
  @IsInt({ message: 'Phiên bản ("revision") phải là số nguyên.' })
  @Min(1, { message: 'Phiên bản ("revision") không hợp lệ.' })
  @Max(1_000_000, { message: 'Phiên bản ("revision") không hợp lệ.' })
  revision: number;
}

const NARRATIVE_TEXT = { type: 'string', maxLength: NARRATIVE_MAX_LENGTH } as const;

export class ReportNarrativeRequest {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: NARRATIVE_TEXT,
    description: 'What was done under each task, by task id (only the tasks sent change)',
  })
  @IsOptional()
  @IsTextMap()
  taskResults?: Record<string, string>;

  @ApiPropertyOptional({ ...NARRATIVE_TEXT, description: 'Tồn tại, hạn chế' })
  @IsOptional()
  @IsString({ message: 'Tồn tại, hạn chế phải là đoạn văn bản.' })
  @MaxLength(NARRATIVE_MAX_LENGTH, { message: 'Tồn tại, hạn chế quá dài.' })
  shortcomings?: string;

  @ApiPropertyOptional({ ...NARRATIVE_TEXT, description: 'Nguyên nhân' })
  @IsOptional()
  @IsString({ message: 'Nguyên nhân phải là đoạn văn bản.' })
  @MaxLength(NARRATIVE_MAX_LENGTH, { message: 'Nguyên nhân quá dài.' })
  causes?: string;

  @ApiPropertyOptional({ ...NARRATIVE_TEXT, description: 'Phương hướng, nhiệm vụ kỳ tới' })
  @IsOptional()
  @IsString({ message: 'Phương hướng, nhiệm vụ kỳ tới phải là đoạn văn bản.' })
  @MaxLength(NARRATIVE_MAX_LENGTH, { message: 'Phương hướng, nhiệm vụ kỳ tới quá dài.' })
  nextTasks?: string;

  @ApiPropertyOptional({ ...NARRATIVE_TEXT, description: 'Đề xuất, kiến nghị' })
  @IsOptional()
  @IsString({ message: 'Đề xuất, kiến nghị phải là đoạn văn bản.' })
  @MaxLength(NARRATIVE_MAX_LENGTH, { message: 'Đề xuất, kiến nghị quá dài.' })
  proposals?: string;
}

/** An edit of a draft: its revision, any part of its text, and the same document fields as a new report. */
export class EditReportRequest extends IntersectionType(ReportRevisionRequest, ReportDocumentRequest) {
  @ApiPropertyOptional({ type: ReportNarrativeRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportNarrativeRequest)
  narrative?: ReportNarrativeRequest;
}

export class ReturnReportRequest extends ReportRevisionRequest {
  @ApiProperty({ example: 'Bổ sung kết quả cuộc thi tháng 6 vào nhiệm vụ 2.1.' })
  @Transform(trim)
  @IsString({ message: 'Phải ghi lý do trả lại ("reason").' })
  @MinLength(3, { message: 'Phải ghi lý do trả lại ("reason").' })
  @MaxLength(2000, { message: 'Lý do trả lại dài tối đa 2000 ký tự.' })
  reason: string;
}

/** An object of at most 300 text values (task id → text), each within the narrative's length. */
function IsTextMap(): PropertyDecorator {
  return ValidateBy({
    name: 'isTextMap',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 300 &&
        Object.entries(value).every(
          ([k, v]) => UUID.test(k) && typeof v === 'string' && v.length <= NARRATIVE_MAX_LENGTH,
        ),
      defaultMessage: () =>
        `Kết quả theo nhiệm vụ ("taskResults") phải gồm mã nhiệm vụ và đoạn văn bản (tối đa ${NARRATIVE_MAX_LENGTH.toLocaleString('vi-VN')} ký tự).`,
    },
  });
}

export class ReportListQuery {
  @ApiProperty()
  @Matches(UUID, { message: 'Tham số "agency" phải là mã cơ quan (UUID).' })
  agency: string;
}

export const REPORT_FORMATS = ['json', 'docx', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ReportFormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'Or add the extension to the id: /reports/{id}.docx' })
  @IsOptional()
  @IsIn(REPORT_FORMATS, { message: `Định dạng chỉ nhận: ${REPORT_FORMATS.join(', ')}.` })
  format?: ReportFormat;
}

export class SetTargetValueRequest {
  @ApiProperty()
  @Matches(UUID, { message: 'Mã cơ quan ("agency") không hợp lệ.' })
  agency: string;

  @ApiProperty()
  @Matches(UUID, { message: 'Mã kế hoạch ("plan") không hợp lệ.' })
  plan: string;

  @ApiProperty({ example: 'nguoi-dan-tiep-can-qua-ttcs-2030', description: "The target's key in the plan" })
  @Matches(TARGET_KEY, { message: 'Mã chỉ tiêu ("target") không hợp lệ.' })
  target: string;

  @ApiProperty(PERIOD_SCHEMA)
  @IsReportPeriod()
  period: string | { from: string; to: string };

  @ApiProperty({ example: 72.5 })
  @Type(() => Number)
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'Giá trị ("value") phải là số, tối đa 2 chữ số thập phân.' },
  )
  @Min(0, { message: 'Giá trị ("value") không được âm.' })
  @Max(1_000_000_000, { message: 'Giá trị ("value") quá lớn.' })
  value: number;

  @ApiProperty({
    example: 'Kết quả khảo sát của Phòng Văn hóa - Xã hội phường, tháng 6/2026',
    description: 'Mandatory: where the figure comes from',
  })
  @Transform(trim)
  @IsString({ message: 'Phải ghi nguồn số liệu ("source") cho giá trị nhập tay.' })
  @MinLength(MIN_SOURCE_LENGTH, {
    message: 'Phải ghi nguồn số liệu ("source") cho giá trị nhập tay, ví dụ: "Kết quả khảo sát tháng 6/2026".',
  })
  @MaxLength(1000, { message: 'Nguồn số liệu quá dài (tối đa 1000 ký tự).' })
  source: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000, { message: 'Ghi chú quá dài (tối đa 2000 ký tự).' })
  note?: string;
}

export class TargetValueListQuery {
  @ApiProperty()
  @Matches(UUID, { message: 'Tham số "agency" phải là mã cơ quan (UUID).' })
  agency: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'Tham số "plan" phải là mã kế hoạch (UUID).' })
  plan?: string;
}
