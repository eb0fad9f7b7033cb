import { BulkResetRequest, BulkResetResponse, Device, DeviceCounts, DeviceList, DeviceListQuery } from '../../contract/admin.js';
import { DeviceId } from '../../contract/common.js';
import { ErrorBody } from '../../contract/errors.js';
import { AppError } from '../../core/errors.js';
import { domainOf, principalOf } from '../plugins/authenticate.js';
import type { App, RouteDeps } from '../route-types.js';
import { DomainParams } from './domain-routes.js';

const DeviceParams = DomainParams.extend({ deviceId: DeviceId });

/** The Devices Table, the Device Dashboard, and the admin's Reset Auth Token (one or many). */
export async function deviceAdminRoutes(app: App, { services }: RouteDeps): Promise<void> {
  app.get('/api/v1/domains/:domain/devices', {
    schema: { tags: ['devices'], summary: 'Devices, filtered and keyset-paged', params: DomainParams, querystring: DeviceListQuery, response: { 200: DeviceList, 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.devices.list(domainOf(request).slug, request.query));

  app.get('/api/v1/domains/:domain/device-counts', {
    schema: { tags: ['devices'], summary: 'Device counts per authState', params: DomainParams, response: { 200: DeviceCounts, 404: ErrorBody } },
  }, async (request) => services.devices.counts(domainOf(request).slug));

  app.get('/api/v1/domains/:domain/devices/:deviceId', {
    schema: { tags: ['devices'], summary: 'One device (Device ID URL-encoded, case-sensitive)', params: DeviceParams, response: { 200: Device, 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.devices.get(domainOf(request).slug, request.params.deviceId));

  app.post('/api/v1/domains/:domain/devices/:deviceId/auth-token/reset', {
    schema: { tags: ['devices'], summary: 'Reset the auth token: the old one dies, one re-enrollment is allowed', params: DeviceParams, response: { 200: Device, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => services.deviceAuth.resetAuthToken(domainOf(request), request.params.deviceId, principalOf(request).user.email, request.ip));

  app.post('/api/v1/domains/:domain/auth-token-resets', {
    schema: { tags: ['devices'], summary: 'Reset the auth tokens of several devices', params: DomainParams, body: BulkResetRequest, response: { 200: BulkResetResponse, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const domain = domainOf(request);
    const by = principalOf(request).user.email;
    const items = [];
    // One at a time: each reset is its own compare-and-set and audit entry; one failure does not stop the rest.
    for (const deviceId of new Set(request.body.deviceIds)) {
      try {
        items.push({ deviceId, ok: true, device: await services.deviceAuth.resetAuthToken(domain, deviceId, by, request.ip) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        items.push({ deviceId, ok: false, error: { code: error.code, message: error.message } });
      }
    }
    return { items };
  });
}
