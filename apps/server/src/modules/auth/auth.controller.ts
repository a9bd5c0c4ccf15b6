import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RUNTIME, type Runtime } from '../../core/runtime.js';
import { Public } from '../permission/permission.decorators.js';
import { AuthError } from './auth.error.js';
import { AuthService, type IssuedTokens } from './auth.service.js';
import { AccessTokenDto, LoginDto } from './dto/auth.dto.js';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.secureCookies = runtime.config.publicUrl.startsWith('https:');
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Returns a short-lived access token and sets the refresh cookie used by the web app. ' +
      'After 20 failed attempts for one account (or 100 from one address) within 15 minutes, ' +
      'sign-in is refused with 429 and Retry-After for 15 minutes.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'invalid_credentials' })
  @ApiTooManyRequestsResponse({ description: 'too_many_requests, with Retry-After' })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    return this.respond(reply, await this.auth.login(body.email, body.password, request.ip));
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Get a new access token with the refresh cookie',
    description: 'The refresh cookie is replaced by a new one; the old one stops working.',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'No valid refresh cookie' })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenDto> {
    const token = readRefreshCookie(request);
    if (!token) throw AuthError.unauthenticated();
    return this.respond(reply, await this.auth.refresh(token));
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Sign out: end the session of the refresh cookie' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(readRefreshCookie(request), null);
    clearRefreshCookie(reply, this.secureCookies);
  }

  private respond(reply: FastifyReply, issued: IssuedTokens): AccessTokenDto {
    setRefreshCookie(reply, issued.refreshToken, issued.refreshExpiresAt, this.secureCookies);
    void reply.header('Cache-Control', 'no-store');
    return { accessToken: issued.accessToken, expiresIn: issued.expiresIn, tokenType: 'Bearer' };
  }
}
