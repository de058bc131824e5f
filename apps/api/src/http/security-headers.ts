import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Browser security headers on every answer (api, docs and the web app): a CSP with no inline script,
 * no framing, nosniff, a strict Referrer-Policy, and no X-Powered-By.
 */
export function installSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          // FullCalendar and Swagger UI add <style> elements; styles cannot run code.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Story pictures are shown from their own addresses (portals, CDNs) in previews.
          imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  // Uploaded pictures are fetched by the channels and shown on other sites.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/v1/media/')) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });
}
