import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logging/logger.js';
import type { SpaHost } from '../../web/spa.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details.js';

/** Sends anything thrown while serving a request as application/problem+json. */
function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const problem = toProblem(error, request);
  if (problem.unexpected) {
    logger.error({ reqId: request.id, err: error }, 'unexpected error while serving a request');
  }
  void reply
    .status(problem.body.status)
    .headers(problem.headers)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(problem.body);
}

/**
 * Nest routes everything here: errors from controllers, unmatched routes, and Fastify's own
 * errors (malformed JSON, oversized bodies) through the error handler Nest installs.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly spa: SpaHost | undefined,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof NotFoundException && this.spa?.handles(request)) {
      this.spa.sendIndex(reply);
      return;
    }
    sendProblem(error, request, reply, this.logger);
  }
}
