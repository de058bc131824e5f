import { Controller, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MAX_MEDIA_BYTES, MAX_RECORDING_BYTES, MediaService } from '@nhip/editorial';
import { Principal } from '@nhip/identity';
import { AgencyAccess, CurrentPrincipal, Public } from '../http/auth.decorators';

/** Pictures from an officer's computer: uploaded once, then used in stories by their address. */
@ApiTags('media')
@Controller()
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG, GIF or WebP, at most 10 MB' } },
    },
  })
  @Post('agencies/:agencyId/media')
  @AgencyAccess('officer', { param: 'agencyId' })
  // Held in memory (at most 10 MB, one file): it goes to Postgres in one statement.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_MEDIA_BYTES, files: 1 } }))
  upload(
    @Param('agencyId') agencyId: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.media.upload(agencyId, principal.userId, file);
  }

  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary', description: 'A recorded bulletin, WAV or MP3, at most 20 MB' },
      },
    },
  })
  @Post('agencies/:agencyId/recordings')
  @AgencyAccess('officer', { param: 'agencyId' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_RECORDING_BYTES, files: 1 } }))
  uploadRecording(
    @Param('agencyId') agencyId: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.media.uploadRecording(agencyId, principal.userId, file);
  }

  /** Public: Facebook, Zalo and WordPress fetch pictures without signing in; the random id is the key. */
  @Public()
  @Get('media/:id')
  async file(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    const picture = await this.media.read(id);
    const etag = `"${picture.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.headers['if-none-match'] === etag) return void res.status(304).end();
    res.type(picture.mimeType).send(picture.data);
  }
}
