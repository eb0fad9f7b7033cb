import { CheckinRequest, CheckinResponse, EnrollRequest, EnrollResponse } from '../../contract/device.js';
import { ErrorBody } from '../../contract/errors.js';
import { AppError } from '../../core/errors.js';
import { FAILURE_RULES } from '../../core/failure-limiter.js';
import { bearerToken } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody };

/** The device protocol: enrollment handshake and check-in. No admin authentication. */
export async function deviceRoutes(app: App, { services }: RouteDeps): Promise<void> {
  /** Counts a failure against the address and the Device ID; may turn the answer into 429. */
  async function countFailure(error: unknown, scope: 'enroll' | 'checkin', ip: string, domain: string, deviceId: string): Promise<void> {
    const counted = scope === 'enroll' ? error instanceof AppError && error.code === 'enrollment_key_invalid' : error instanceof AppError && error.code === 'auth_token_invalid';
    if (!counted) return;
    const [byIp, byDevice] = scope === 'enroll' ? [FAILURE_RULES.enrollByIp, FAILURE_RULES.enrollByDevice] : [FAILURE_RULES.checkinByIp, FAILURE_RULES.checkinByDevice];
    await services.failures.recordFailure([
      [`${scope}:ip:${ip}`, byIp],
      [`${scope}:device:${domain}/${deviceId}`, byDevice],
    ]);
  }

  app.post('/api/v1/device/enroll', {
    schema: { tags: ['device'], summary: 'Enroll a device; issues its auth token once', body: EnrollRequest, response: { 201: EnrollResponse, ...errors } },
  }, async (request, reply) => {
    const body = request.body;
    try {
      const { token, domain } = await services.deviceAuth.enroll(body, request.ip);
      return reply.status(201).send({ domain: domain.slug, deviceId: body.deviceId, token, checkinIntervalSeconds: domain.checkinIntervalSeconds });
    } catch (error) {
      await countFailure(error, 'enroll', request.ip, body.domain, body.deviceId);
      throw error;
    }
  });

  app.post('/api/v1/device/checkin', {
    schema: {
      tags: ['device'],
      summary: 'Check in with the auth token (Authorization: Bearer <token>)',
      body: CheckinRequest,
      response: { 200: CheckinResponse, ...errors },
    },
  }, async (request) => {
    const body = request.body;
    const token = bearerToken(request.headers.authorization);
    try {
      const { domain } = await services.deviceAuth.checkin(body, token, request.ip);
      return { status: 'ok' as const, checkinIntervalSeconds: domain.checkinIntervalSeconds };
    } catch (error) {
      await countFailure(error, 'checkin', request.ip, body.domain, body.deviceId);
      throw error;
    }
  });
}
