import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '@nhip/core';
import { ApiModule } from './api.module';
import { installRequestLimits } from './http/request-limits';
import { installSecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { findWebAppDir, serveWebApp } from './http/web-app';

/** Builds the HTTP application: routes under /api/v1, OpenAPI at /api/openapi.json and /api/docs. */
export interface ApiAppOptions {
  logStream?: DestinationStream;
  /** Close on SIGTERM/SIGINT by itself; off when a supervisor (the CLI's start) orders the shutdown. */
  shutdownHooks?: boolean;
}

const documents = new WeakMap<INestApplication, OpenAPIObject>();

/** The OpenAPI document an app built by `createApiApp` serves at /api/openapi.json (the contract the web app speaks). */
export function openApiDocumentOf(app: INestApplication): OpenAPIObject {
  const document = documents.get(app);
  if (!document) throw new Error('not an app made by createApiApp');
  return document;
}

export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}) {
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot({ config, logStream: options.logStream }),
    // Bodies are parsed by installRequestLimits, with a limit per route.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  // X-Forwarded-For is believed only from the proxies configured (NHIP_TRUSTED_PROXIES); by default from
  // none, so a client cannot choose its own address for the login limits.
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  // Brotli or gzip, as the client asks, for every compressible answer: JSON, the iCalendar feeds, the web app's
  // scripts and styles (242 KB of JavaScript on the login page otherwise). The middleware's brotli runs at
  // quality 4, cheap enough to compress each answer as it goes out.
  app.use(compression());
  installSecurityHeaders(app);
  installRequestLimits(app);
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Nhịp API')
      .setDescription(
        'Lịch biên tập và xuất bản đa kênh cho truyền thông Nghị quyết 57-NQ/TW. Lỗi luôn có dạng {code, message, details?}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
  documents.set(app, document);

  const webAppDir = findWebAppDir();
  if (webAppDir) serveWebApp(app, webAppDir);
  return app;
}
