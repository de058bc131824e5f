import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { AGENCY_KINDS, AgencyEntity, AgencyKind, Role } from '@nhip/database';
import { IfPresent } from '../http/validation';
import { IsNotBlank } from '../http/validators';

export class CreateAgencyRequest {
  @ApiProperty({ example: 'phuong-dak-bla-phong-vhxh' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,80}$/, { message: 'Mã cơ quan chỉ gồm chữ thường không dấu, số và dấu gạch ngang.' })
  code: string;

  @ApiProperty({ example: 'Phòng Văn hóa - Xã hội phường Đak Bla' })
  @IsString()
  @MinLength(2, { message: 'Tên cơ quan quá ngắn.' })
  @MaxLength(300, { message: 'Tên cơ quan quá dài.' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120, { message: 'Tên viết tắt quá dài.' })
  shortName?: string;

  @ApiPropertyOptional({ description: 'Official administrative-unit code' })
  @IsOptional()
  @Matches(/^[0-9]{2,5}$/, { message: 'Mã đơn vị hành chính chỉ gồm 2–5 chữ số.' })
  officialCode?: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS, { message: `Loại cơ quan phải là một trong: ${AGENCY_KINDS.join(', ')}.` })
  kind: AgencyKind;

  @ApiProperty({ description: 'The parent agency; the caller must be an admin there' })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'Mã cơ quan cấp trên không hợp lệ.' })
  parentId: string;
}

/** Absent fields stay as they are; only the short name may be cleared with null. */
export class UpdateAgencyRequest {
  @ApiPropertyOptional()
  @IfPresent()
  @IsString({ message: 'Tên cơ quan phải là chuỗi ký tự.' })
  @IsNotBlank({ message: 'Tên cơ quan không được để trống.' })
  @MinLength(2, { message: 'Tên cơ quan quá ngắn.' })
  @MaxLength(300, { message: 'Tên cơ quan quá dài.' })
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(120, { message: 'Tên viết tắt quá dài.' })
  shortName?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 2, description: 'Approvals a variant needs before it may be scheduled' })
  @IfPresent()
  @IsInt({ message: 'Số lượt duyệt phải là 1 hoặc 2.' })
  @Min(1, { message: 'Số lượt duyệt phải là 1 hoặc 2.' })
  @Max(2, { message: 'Số lượt duyệt phải là 1 hoặc 2.' })
  requiredApprovals?: number;

  @ApiPropertyOptional()
  @IfPresent()
  @IsBoolean({ message: 'allowSelfApproval phải là true hoặc false.' })
  allowSelfApproval?: boolean;

  @ApiPropertyOptional({
    type: [String],
    example: ['Thường trực Đảng ủy phường', 'Thường trực HĐND phường'],
    description: '"Nơi nhận" of every report of the agency, besides those its plans name',
  })
  @IfPresent()
  @IsArray({ message: 'Nơi nhận mặc định phải là một danh sách.' })
  @ArrayMaxSize(20, { message: 'Nơi nhận mặc định tối đa 20 mục.' })
  @IsString({ each: true, message: 'Mỗi nơi nhận phải là chữ.' })
  @MinLength(2, { each: true, message: 'Tên nơi nhận quá ngắn.' })
  @MaxLength(200, { each: true, message: 'Tên nơi nhận dài tối đa 200 ký tự.' })
  reportRecipients?: string[];
}

export function mapAgency(agency: AgencyEntity, role?: Role) {
  return {
    id: agency.id,
    code: agency.code,
    officialCode: agency.officialCode,
    name: agency.name,
    shortName: agency.shortName,
    kind: agency.kind,
    parentId: agency.parentId,
    requiredApprovals: agency.requiredApprovals,
    allowSelfApproval: agency.allowSelfApproval,
    reportRecipients: agency.reportRecipients,
    ...(role ? { myRole: role } : {}),
  };
}
