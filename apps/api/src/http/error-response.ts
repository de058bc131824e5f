import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of the API. */
export class ErrorResponse {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' })
  code: string;

  @ApiProperty({ example: 'Dữ liệu gửi lên không hợp lệ.', description: 'Vietnamese message for people' })
  message: string;

  @ApiPropertyOptional({ description: 'Extra data for programs, e.g. the failing fields' })
  details?: unknown;
}
