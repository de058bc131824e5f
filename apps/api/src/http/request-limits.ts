import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, text, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError } from '@nhip/core';
import { PLAN_FILE_MEDIA_TYPES } from '../plans/plans.controller';

/**
 * What a request body may be before any work is done on it: its size in bytes (checked while it
 * streams in), and for JSON its nesting depth and number of values (checked just after parsing, in
 * one linear pass, before authentication and the ValidationPipe). The cost of refusing anything is
 * bounded by these numbers.
 */
interface BodyLimits {
  bytes: string;
  /** Deepest nesting of objects and arrays. */
  depth: number;
  /** Object keys plus array elements, over the whole body. */
  values: number;
  /** Keys of any one object, when fewer than `values`: a plan's long lists are allowed, not wide mappings. */
  keysPerObject?: number;
}

/** Most bodies are a handful of fields (the longest list, a recurrence's 366 exceptions). */
const DEFAULT_BODY_LIMITS: BodyLimits = { bytes: '64kb', depth: 12, values: 500 };

interface BodyRoute {
  method: string;
  path: RegExp;
  limits: BodyLimits;
  /** Besides JSON, the route takes a plan file as text; or it takes only multipart, parsed by multer. */
  other?: 'plan-text' | 'multipart';
}

const SEGMENT = '[^/]+';

/**
 * A plan file is read by the yaml library at some 20–60 µs per value, on the event loop. The five source
 * plans are 6–16 KB with at most 151 values and 344 lines; these limits leave 3 to 16 times that room and
 * keep the parse of any file they let through short.
 */
const PLAN_LIMITS: BodyLimits = { bytes: '256kb', depth: 16, values: 1_200, keysPerObject: 100 };

/** Lines and flow separators of a YAML text: an upper bound of its values, counted without parsing. */
function yamlTokens(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 91 || c === 123) count++; // \n , [ {
  }
  return count;
}
/**
 * Routes whose bodies differ from the default. Stories and variants carry an article (200,000
 * characters, about 600 KB of Vietnamese UTF-8); plans are whole YAML or JSON files; media uploads
 * are multipart with multer's own limit (pictures 10 MB, recorded bulletins 20 MB).
 */
const BODY_ROUTES: BodyRoute[] = [
  { method: 'POST', path: /^\/api\/v1\/auth\/login$/, limits: { bytes: '4kb', depth: 3, values: 20 } },
  { method: 'POST', path: /^\/api\/v1\/auth\/tokens$/, limits: { bytes: '4kb', depth: 3, values: 20 } },
  { method: 'POST', path: /^\/api\/v1\/auth\/password$/, limits: { bytes: '4kb', depth: 3, values: 20 } },
  {
    method: 'POST',
    path: /^\/api\/v1\/plans\/import$/,
    limits: PLAN_LIMITS,
    other: 'plan-text',
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/v1/agencies/${SEGMENT}/media$`),
    limits: { bytes: '10mb', depth: 0, values: 0 },
    other: 'multipart',
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/v1/agencies/${SEGMENT}/recordings$`),
    limits: { bytes: '20mb', depth: 0, values: 0 },
    other: 'multipart',
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/v1/agencies/${SEGMENT}/stories$`),
    limits: { bytes: '1mb', depth: 6, values: 1000 },
  },
  // A report's text: five parts and a result per task, each up to 20,000 characters.
  {
    method: 'PATCH',
    path: new RegExp(`^/api/v1/reports/${SEGMENT}$`),
    limits: { bytes: '2mb', depth: 5, values: 400 },
  },
  {
    method: 'PATCH',
    path: new RegExp(`^/api/v1/stories/${SEGMENT}$`),
    limits: { bytes: '1mb', depth: 6, values: 1000 },
  },
  {
    method: 'PATCH',
    path: new RegExp(`^/api/v1/variants/${SEGMENT}$`),
    limits: { bytes: '1mb', depth: 8, values: 1000 },
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/v1/variants/${SEGMENT}/preview$`),
    limits: { bytes: '1mb', depth: 8, values: 1000 },
  },
];

function bodyRouteFor(method: string, path: string): BodyRoute | undefined {
  return BODY_ROUTES.find((r) => r.method === method && r.path.test(path));
}

const JSON_TYPES = ['application/json', 'application/*+json'];

const tooComplex = (limits: BodyLimits) => {
  const perObject = limits.keysPerObject ? `, ${limits.keysPerObject} khóa mỗi đối tượng` : '';
  return DomainError.invalid(
    'BODY_TOO_COMPLEX',
    `Dữ liệu gửi lên quá phức tạp (tối đa ${limits.depth} cấp lồng nhau, ${limits.values} giá trị${perObject}).`,
    {
      maxDepth: limits.depth,
      maxValues: limits.values,
      ...(limits.keysPerObject ? { maxKeysPerObject: limits.keysPerObject } : {}),
    },
  );
};

const badText = (field: string) =>
  DomainError.invalid(
    'INVALID_CHARACTERS',
    'Dữ liệu chứa ký tự không được phép (ký tự NUL hoặc ký tự Unicode không hoàn chỉnh).',
    { field: field.slice(0, 100) },
  );

/** NUL is refused by Postgres in text; a lone UTF-16 surrogate is not text at all. */
const LONE_SURROGATE = /\p{Cs}/u;

function isAcceptableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/**
 * Walks a parsed value without recursion, refusing it at the first value past the limits and at the
 * first string or key that is not acceptable text. Linear in the size of the body, and cheap per value
 * (no path is built: a refusal names the key or index where the bad text is).
 */
function checkParsed(value: unknown, limits: BodyLimits, root: string): void {
  // Only objects and arrays wait on the stack; strings are checked where they are met.
  const pending: object[] = [];
  const depths: number[] = [];
  let count = 0;
  const meet = (v: unknown, depth: number, name: string | number) => {
    if (typeof v === 'string') {
      if (!isAcceptableText(v)) throw badText(String(name));
    } else if (v !== null && typeof v === 'object') {
      if (depth >= limits.depth) throw tooComplex(limits);
      pending.push(v);
      depths.push(depth);
    }
  };
  meet(value, 0, root);
  while (pending.length) {
    const v = pending.pop()!;
    const depth = depths.pop()! + 1;
    if (Array.isArray(v)) {
      count += v.length;
      if (count > limits.values) throw tooComplex(limits);
      for (let i = 0; i < v.length; i++) meet(v[i], depth, i);
    } else {
      const keys = Object.keys(v);
      count += keys.length;
      if (count > limits.values || keys.length > (limits.keysPerObject ?? Infinity)) throw tooComplex(limits);
      for (const key of keys) {
        if (!isAcceptableText(key)) throw badText(key);
        meet((v as Record<string, unknown>)[key], depth, key);
      }
    }
  }
}

/** Query values: at most this many, each short and acceptable text. */
const QUERY_LIMITS: BodyLimits = { bytes: '8kb', depth: 3, values: 100 };

/**
 * The path (with its parameters) and the query: NUL and broken Unicode are refused for every route
 * here, before routing, so no parameter reaches a pipe, a guard or a query with them.
 */
function checkUrl(req: Request): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    throw DomainError.invalid('MALFORMED_REQUEST', 'Đường dẫn không đúng cú pháp (mã hóa % không hợp lệ).');
  }
  if (!isAcceptableText(path)) throw badText('path');
  checkParsed(req.query, QUERY_LIMITS, 'query');
}

const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * Installs the body parsers (instead of Nest's defaults) and the input checks, before every route.
 * Each route gets its own byte limit; a JSON body is then checked for depth, size and text.
 */
export function installRequestLimits(app: NestExpressApplication): void {
  const parsers = new Map<BodyLimits, { json: RequestHandler; text: RequestHandler }>();
  const parsersFor = (limits: BodyLimits) => {
    let found = parsers.get(limits);
    if (!found) {
      found = {
        json: json({ limit: limits.bytes, type: JSON_TYPES, strict: true }),
        text: text({ limit: limits.bytes, type: PLAN_FILE_MEDIA_TYPES }),
      };
      parsers.set(limits, found);
    }
    return found;
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    try {
      checkUrl(req);
    } catch (e) {
      return next(e);
    }
    if (!hasBody(req)) return next();
    const route = bodyRouteFor(req.method, req.path);
    if (route?.other === 'multipart') return next();
    const limits = route?.limits ?? DEFAULT_BODY_LIMITS;
    const { json: parseJson, text: parseText } = parsersFor(limits);
    if (req.is(JSON_TYPES)) {
      return parseJson(req, res, (err?: unknown) => {
        if (err) return next(err);
        try {
          checkParsed(req.body, limits, 'body');
        } catch (e) {
          return next(e);
        }
        next();
      });
    }
    if (route?.other === 'plan-text' && req.is(PLAN_FILE_MEDIA_TYPES)) {
      return parseText(req, res, (err?: unknown) => {
        if (err) return next(err);
        if (typeof req.body === 'string' && !isAcceptableText(req.body)) return next(badText('body'));
        if (typeof req.body === 'string' && yamlTokens(req.body) > limits.values) return next(tooComplex(limits));
        next();
      });
    }
    if (!isApiPath(req.path)) return next();
    next(new UnsupportedMediaTypeException());
  });
}

const isApiPath = (path: string) => path.startsWith('/api/');
