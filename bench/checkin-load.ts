/**
 * The load generator of bench/checkin-throughput.ts, in a process of its own so it does not share
 * an event loop with a server: autocannon against each node URL at once, every request a valid
 * check-in of the next enrolled device. Prints one JSON line with the summed figures.
 *
 *   tsx bench/checkin-load.ts <plan.json>   (plan: { urls, domain, devices: [{ id, token }], connections, seconds })
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface Plan {
  urls: string[];
  domain: string;
  devices: Array<{ id: string; token: string }>;
  connections: number;
  seconds: number;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Plan;
let next = 0;

function run(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/api/v1/device/checkin`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const device = plan.devices[next++ % plan.devices.length]!;
          return {
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
            body: JSON.stringify({ domain: plan.domain, deviceId: device.id, info: { agentVersion: '1.0.0' } }),
          };
        },
      },
    ],
  });
}

const perNode = Math.max(1, Math.round(plan.connections / plan.urls.length));
const results = await Promise.all(plan.urls.map((url) => run(url, perNode, plan.seconds)));
const requests = results.reduce((n, r) => n + r.requests.total, 0);
const ok = results.reduce((n, r) => n + r['2xx'], 0);
const summary = {
  requestsPerSecond: results.reduce((n, r) => n + r.requests.average, 0),
  okPerSecond: ok / plan.seconds,
  requests,
  non2xx: results.reduce((n, r) => n + r.non2xx, 0),
  errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
  latencyMs: {
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p97_5: Math.max(...results.map((r) => r.latency.p97_5)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  },
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
