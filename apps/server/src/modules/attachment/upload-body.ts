// Raw file uploads: the request body is the file, whatever its Content-Type.
//
// Fastify picks a body parser by Content-Type for a whole instance, and Nest registers every
// route on the root instance: a catch-all parser would change what every other route accepts,
// and a JSON or text file would still be parsed as JSON or text. So a route marked with
// UPLOAD_ROUTE claims its body before parsing starts: an onRequest hook keeps the declared type
// aside and labels the request with a private media type that only the upload parser reads,
// with its own size limit (the server-wide JSON limit does not apply).
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { AttachmentError } from './attachment.error.js';

/** Fastify route config marking a route whose body is a file: `@RouteConfig(UPLOAD_ROUTE)`. */
export const UPLOAD_ROUTE = { rawUpload: true } as const;

const UPLOAD_MEDIA_TYPE = 'application/x-tessera-upload';

export interface UploadBody {
  data: Buffer;
  /** The Content-Type header the client sent, if any. */
  declaredType: string | undefined;
}

const declaredTypes = new WeakMap<FastifyRequest, string | undefined>();

/** Installs the hook and the parser; call before the server starts listening. */
export function registerUploadParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const config = request.routeOptions.config as { rawUpload?: unknown } | undefined;
    if (config?.rawUpload === true && request.method === 'POST') {
      declaredTypes.set(request, request.headers['content-type']);
      request.headers['content-type'] = UPLOAD_MEDIA_TYPE;
    }
    done();
  });
  fastify.addContentTypeParser(UPLOAD_MEDIA_TYPE, (request, payload, done) => {
    // Sent to another route on purpose: that route takes no file.
    if (!declaredTypes.has(request)) {
      done(AttachmentError.unsupportedMediaType(), undefined);
      return;
    }
    if (/^\s*multipart\/form-data\b/i.test(declaredTypes.get(request) ?? '')) {
      done(AttachmentError.multipartRefused(), undefined);
      return;
    }
    readBody(payload, request.headers['content-length'], maxBytes).then(
      (data) => done(null, data),
      (error: Error) => done(error, undefined),
    );
  });
}

/** The uploaded file of a route marked with UPLOAD_ROUTE. */
export const UploadedBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UploadBody => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // Without Content-Length or Transfer-Encoding there is no body to parse: an empty file.
    const body = request.body ?? Buffer.alloc(0);
    if (!Buffer.isBuffer(body))
      throw new Error('UploadedBody used on a route without UPLOAD_ROUTE');
    return { data: body, declaredType: declaredTypes.get(request) };
  },
);

/**
 * Reads the whole body, refusing it (413) as soon as it is known to exceed `maxBytes`: at once
 * from Content-Length, or while it streams. Like Fastify's own reader, a refused body is left
 * unread and the connection is closed after the answer.
 */
function readBody(
  payload: Readable,
  contentLength: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (contentLength !== undefined && Number(contentLength) > maxBytes) {
      reject(AttachmentError.tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > maxBytes) {
        stop();
        reject(AttachmentError.tooLarge(maxBytes));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = () => {
      stop();
      reject(new AppError(ErrorCode.BadRequest, 'The upload was interrupted.'));
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
}
