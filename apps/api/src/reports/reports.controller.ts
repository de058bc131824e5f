import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@nhip/core';
import { AccessPolicy, Principal } from '@nhip/identity';
import { parseReportPeriod, renderReportCsv, renderReportXlsx, ReportService, StoredReport } from '@nhip/reporting';
import { AgencyAccess, CurrentPrincipal, RequestId, SignedIn } from '../http/auth.decorators';
import { ParseIdPipe } from '../http/parse-id.pipe';
import {
  CreateReportRequest,
  EditReportRequest,
  REPORT_FORMATS,
  ReportFormat,
  ReportFormatQuery,
  ReportListQuery,
  ReportRevisionRequest,
  ReturnReportRequest,
} from './report.dto';

const REF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.([a-z]+))?$/i;

const MEDIA_TYPES: Record<Exclude<ReportFormat, 'json'>, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The JSON a report is read as: the stored snapshot and where its exports are. */
function mapReport(report: StoredReport) {
  const base = `/api/v1/reports/${report.id}`;
  return { ...report, links: { self: base, docx: `${base}.docx`, xlsx: `${base}.xlsx`, csv: `${base}.csv` } };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportService,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Generates and stores a report for an agency (default: the caller's) and its plans (default: all in
   * its reach for the period). Needs the officer role at the agency. A period with no data is a valid
   * report that says so.
   */
  @Post()
  @SignedIn("service: officer at the report's agency (given or the caller's only one)")
  async create(
    @Body() body: CreateReportRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    const agencyId = body.agency ?? (await this.reports.defaultAgency(principal.userId));
    await this.access.assertRole(principal.userId, agencyId, 'officer');
    const report = await this.reports.generate(
      {
        agencyId,
        planId: body.plan,
        period: parseReportPeriod(body.period),
        document: {
          signer: body.signer,
          draftingUnit: body.draftingUnit,
          recipients: body.recipients?.map((r) => r.normalize('NFC').trim()),
        },
      },
      { userId: principal.userId, requestId },
    );
    return mapReport(report);
  }

  @Get()
  @AgencyAccess('viewer', { query: 'agency' })
  async list(@Query() query: ReportListQuery) {
    return this.reports.list(query.agency);
  }

  /** The report as generated: JSON, or `.docx`, `.xlsx`, `.csv` (by extension or `?format=`). */
  @Get(':ref')
  @SignedIn("stored resource: viewer at the report's agency")
  @ApiProduces('application/json', MEDIA_TYPES.docx, MEDIA_TYPES.xlsx, MEDIA_TYPES.csv)
  async get(
    @Param('ref') ref: string,
    @Query() query: ReportFormatQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const match = REF.exec(ref);
    if (!match) throw DomainError.invalid('INVALID_ID', 'Mã báo cáo không hợp lệ.', { value: ref.slice(0, 64) });
    const extension = match[2]?.toLowerCase();
    if (extension !== undefined && !(REPORT_FORMATS as readonly string[]).includes(extension)) {
      throw DomainError.invalid('REPORT_FORMAT_UNSUPPORTED', `Định dạng chỉ nhận: ${REPORT_FORMATS.join(', ')}.`, {
        format: extension,
      });
    }
    const format = (extension ?? query.format ?? 'json') as ReportFormat;
    const id = match[1].toLowerCase();
    await this.access.assertRole(principal.userId, await this.reports.agencyOf(id), 'viewer');
    const report = await this.reports.get(id);
    if (format === 'json') return mapReport(report);

    let content: Buffer;
    if (format === 'docx') {
      // The approved document exactly as signed (its checksum in the header), else the draft marked so.
      const docx = await this.reports.docx(id);
      content = docx.content;
      res.setHeader('X-Content-SHA256', docx.sha256);
    } else {
      content = format === 'xlsx' ? await renderReportXlsx(report) : Buffer.from(renderReportCsv(report), 'utf8');
    }
    const draft = report.lifecycle.state === 'approved' ? '' : '-du-thao';
    const name = `bao-cao-${report.agency.code}-${report.period.key === 'custom' ? `${report.period.from}-${report.period.to}` : report.period.key}${format === 'docx' ? draft : ''}.${format}`;
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: MEDIA_TYPES[format],
      disposition: `attachment; filename="${name}"`,
      length: content.length,
    });
  }

  /** Edits a draft: the text of any part, the signer, the drafting unit, the recipients. Officer. */
  @Patch(':id')
  @SignedIn("stored resource: officer at the report's agency")
  async edit(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: EditReportRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    await this.access.assertRole(principal.userId, await this.reports.agencyOf(id), 'officer');
    const document =
      body.signer || body.draftingUnit || body.recipients
        ? {
            ...(body.signer ? { signer: body.signer } : {}),
            ...(body.draftingUnit ? { draftingUnit: body.draftingUnit } : {}),
            ...(body.recipients ? { recipients: body.recipients.map((r) => r.normalize('NFC').trim()) } : {}),
          }
        : undefined;
    return mapReport(
      await this.reports.edit(
        id,
        body.revision,
        { narrative: body.narrative, document },
        { userId: principal.userId, requestId },
      ),
    );
  }

  /** Recomputes a draft's figures from what is published now; answers the report and what changed. Officer. */
  @Post(':id/refresh')
  @HttpCode(200)
  @SignedIn("stored resource: officer at the report's agency")
  async refresh(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReportRevisionRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    await this.access.assertRole(principal.userId, await this.reports.agencyOf(id), 'officer');
    const { report, changes } = await this.reports.refresh(id, body.revision, { userId: principal.userId, requestId });
    return { report: mapReport(report), changes };
  }

  /** The drafting officer submits the draft to the signer. Officer. */
  @Post(':id/submit')
  @HttpCode(200)
  @SignedIn("stored resource: officer at the report's agency")
  async submit(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReportRevisionRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    await this.access.assertRole(principal.userId, await this.reports.agencyOf(id), 'officer');
    return mapReport(await this.reports.submit(id, body.revision, { userId: principal.userId, requestId }));
  }

  /** The signer returns a submitted report to draft, with the reason. Editor. */
  @Post(':id/return')
  @HttpCode(200)
  @SignedIn("stored resource: editor at the report's agency")
  async returnToDraft(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReturnReportRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    await this.access.assertRole(principal.userId, await this.reports.agencyOf(id), 'editor');
    return mapReport(
      await this.reports.returnToDraft(id, body.revision, body.reason, { userId: principal.userId, requestId }),
    );
  }

  /** The signer approves: the DOCX is frozen as signed, with its SHA-256. Editor. */
  @Post(':id/approve')
  @HttpCode(200)
  @SignedIn("stored resource: editor at the report's agency")
  async approve(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReportRevisionRequest,
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId?: string,
  ) {
    await this.access.assertRole(principal.userId, await this.reports.agencyOf(id), 'editor');
    return mapReport(await this.reports.approve(id, body.revision, { userId: principal.userId, requestId }));
  }
}
