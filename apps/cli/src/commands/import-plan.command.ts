import { readFileSync } from 'node:fs';
import { AuditService } from '@nhip/audit';
import { PlanImportService } from '@nhip/calendar';
import { DomainError, loadConfig } from '@nhip/core';
import { AuditEventEntity, openDataSource } from '@nhip/database';

/** Imports plan files (YAML); a re-import of the same plan code updates it. Exits 1 if any file has problems. */
export async function importPlanCommand(files: string[]) {
  const config = loadConfig();
  const db = await openDataSource(config, { migrate: true });
  const importer = new PlanImportService(db, new AuditService(db.getRepository(AuditEventEntity)));
  let failed = false;
  try {
    for (const file of files) {
      try {
        const result = await importer.importText(readFileSync(file, 'utf8'));
        console.log(
          `${file}: ${result.created ? 'đã nhập' : 'đã cập nhật'} kế hoạch ${result.code} — ${result.tasks} nhiệm vụ, ${result.peaks} đợt cao điểm, ${result.reports} kỳ báo cáo.`,
        );
        for (const f of result.flagged)
          console.log(`  ! nhiệm vụ ${f.task}: chưa hiểu thời hạn "${f.phrase}" (${f.reason}) — giữ nguyên văn.`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        failed = true;
        console.error(`${file}: ${error.message}`);
        const problems =
          (error.details as { problems?: Array<{ path: string; line?: number; message: string }> } | undefined)
            ?.problems ?? [];
        for (const p of problems)
          console.error(`  ${p.line ? `dòng ${p.line}, ` : ''}${p.path || '(tệp)'}: ${p.message}`);
      }
    }
  } finally {
    await db.destroy();
  }
  if (failed) process.exitCode = 1;
}
