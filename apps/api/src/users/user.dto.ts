import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '@nhip/database';

const ROLE_MESSAGE = `Vai trò phải là một trong: ${ROLES.join(', ')}.`;

export class CreateUserRequest {
  @ApiProperty({ example: 'canbo.dakbla' })
  @Matches(/^[a-zA-Z0-9._-]{3,60}$/, {
    message: 'Tên đăng nhập gồm 3–60 ký tự: chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @MinLength(2, { message: 'Họ tên quá ngắn.' })
  @MaxLength(200, { message: 'Họ tên quá dài.' })
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'Mật khẩu phải có ít nhất 10 ký tự.' })
  @MaxLength(1024, { message: 'Mật khẩu quá dài.' })
  password: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'Địa chỉ email không hợp lệ.' })
  email?: string;

  @ApiProperty({ description: 'Agency of the first membership; the caller must be its admin' })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'Mã cơ quan không hợp lệ.' })
  agencyId: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class UserCandidatesQuery {
  @ApiProperty({ description: 'Words of a name, username or email (with or without diacritics), or an exact username' })
  @IsString({ message: 'Nhập tên, tên đăng nhập hoặc email để tìm.' })
  @MinLength(2, { message: 'Nhập ít nhất 2 ký tự để tìm người dùng.' })
  @MaxLength(100, { message: 'Từ khóa quá dài.' })
  q: string;
}

export class SetMembershipRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class InviteRequest {
  @ApiProperty({ description: 'The person invited (from user-candidates)' })
  @Matches(/^[0-9a-f-]{36}$/i, { message: 'Mã người dùng không hợp lệ.' })
  userId: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role: Role;
}

export class RevokeTokensRequest {
  @ApiProperty({ enum: ['integration', 'all'], description: 'integration tokens only, or every token and session' })
  @IsIn(['integration', 'all'], { message: 'Phạm vi thu hồi phải là integration hoặc all.' })
  scope: 'integration' | 'all';
}
