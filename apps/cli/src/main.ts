import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@nhip/core';
import { importPlanCommand } from './commands/import-plan.command';
import { migrateCommand } from './commands/migrate.command';
import { seedCommand } from './commands/seed.command';
import { startCommand } from './commands/start.command';
import { RedisUnavailableError } from './local-services/local-redis';

const program = new Command('nhip').description('Nhịp — lịch biên tập và xuất bản đa kênh');
program
  .command('start')
  .description('Chạy api và worker trên một máy (tự khởi động PostgreSQL/Redis cục bộ khi cần)')
  .action(startCommand);
program.command('seed').description('Nạp dữ liệu mẫu vào cơ sở dữ liệu trống').action(seedCommand);
program
  .command('import-plan')
  .argument('<files...>', 'tệp kế hoạch YAML')
  .description('Nhập (hoặc cập nhật) kế hoạch từ tệp')
  .action(importPlanCommand);
program.command('migrate').description('Áp dụng các migration còn thiếu').action(migrateCommand);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RedisUnavailableError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
