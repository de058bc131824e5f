import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, UUID } from '@nhip/core';

/** A path id must be a UUID; anything else is a 400 before any query runs. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value))
      throw DomainError.invalid('INVALID_ID', 'Mã định danh không hợp lệ.', { value: value.slice(0, 64) });
    return value.toLowerCase();
  }
}
