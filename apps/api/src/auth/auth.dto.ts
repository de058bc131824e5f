import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: 'Tên đăng nhập phải là chuỗi ký tự.' })
  @MinLength(1, { message: 'Vui lòng nhập tên đăng nhập.' })
  @MaxLength(100, { message: 'Tên đăng nhập quá dài.' })
  username: string;

  @ApiProperty()
  @IsString({ message: 'Mật khẩu phải là chuỗi ký tự.' })
  @MinLength(1, { message: 'Vui lòng nhập mật khẩu.' })
  @MaxLength(1024, { message: 'Mật khẩu quá dài.' })
  password: string;
}

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString({ message: 'Mật khẩu hiện tại phải là chuỗi ký tự.' })
  @MinLength(1, { message: 'Vui lòng nhập mật khẩu hiện tại.' })
  @MaxLength(1024, { message: 'Mật khẩu quá dài.' })
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString({ message: 'Mật khẩu mới phải là chuỗi ký tự.' })
  @MinLength(1, { message: 'Vui lòng nhập mật khẩu mới.' })
  @MaxLength(1024, { message: 'Mật khẩu quá dài.' })
  newPassword: string;
}

export class TokenResponse {
  @ApiProperty({ description: 'Bearer token; shown only once' }) token: string;
  @ApiProperty({ enum: ['session', 'integration'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt: string | null;
  @ApiProperty() id: string;
}

export class CreateApiTokenRequest {
  @ApiProperty({ example: 'Đồng bộ lịch với Cổng TTĐT tỉnh' })
  @IsString({ message: 'Tên mã truy cập phải là chuỗi ký tự.' })
  @MinLength(1, { message: 'Vui lòng đặt tên cho mã truy cập.' })
  @MaxLength(200, { message: 'Tên mã truy cập quá dài.' })
  name: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Thời điểm hết hạn phải theo định dạng ISO 8601.' })
  expiresAt?: string;
}
