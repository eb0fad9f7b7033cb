#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { Command, CommanderError } from 'commander';
import { parseEnrollmentString } from '../contract/enrollment-string.js';
import { parseDurationMs } from '../agent/duration.js';
import { runSimulator } from './run-simulator.js';
import { formatProgressLine } from './progress-line.js';
import { duration, positiveInt } from '../agent/option-parsers.js';

const program = new Command('simulate')
  .description('DMP fleet simulator: many virtual dmp-agents in one process, with wipes and a stale token.')
  .argument('[enrollment-string]', 'dmp://enroll?... instead of --server/--domain/--key')
  .option('--server <url>', 'DMP server URL')
  .option('--domain <domain>', 'domain to enroll in')
  .option('--key <key>', 'enrollment key')
  .option('--devices <n>', 'virtual devices', positiveInt, 100)
  .option('--id-prefix <prefix>', 'Device ID prefix (default: sim-<random>-, so reruns do not collide)')
  .option('--wipe-every <duration>', 'one random healthy device loses its token this often ("0" never)', '30s')
  .option('--no-stale-token', 'do not include the device that presents an old token')
  .option('--concurrency <n>', 'enrollments in flight while the fleet comes up', positiveInt, 32)
  .option('--max-sockets <n>', 'connections to the server', positiveInt, 64)
  .option('--duration <duration>', 'stop after this long (default: until Ctrl+C)', duration)
  .option('--json', 'print the final figures as JSON', false)
  .exitOverride();

try {
  program.parse(process.argv.slice(2), { from: 'user' });
} catch (error) {
  process.exit(error instanceof CommanderError && error.exitCode === 0 ? 0 : 2);
}
const opts = program.opts();
const fromString = program.args[0] ? parseEnrollmentString(program.args[0]) : undefined;
const server: string | undefined = opts.server ?? fromString?.server;
const domain: string | undefined = opts.domain ?? fromString?.domain;
const key: string | undefined = opts.key ?? fromString?.key;
if (!server || !domain || !key) {
  console.error('Pass --server, --domain and --key (or an enrollment string).');
  process.exit(2);
}
const wipeEveryMs = opts.wipeEvery === '0' ? 0 : parseDurationMs(opts.wipeEvery as string);
const idPrefix: string = opts.idPrefix ?? `sim-${randomBytes(2).toString('hex')}-`;

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
console.log(`Simulating ${opts.devices} devices (${idPrefix}…) on domain "${domain}" at ${server}; Ctrl+C stops.`);
const result = await runSimulator(
  { server, domain, key, devices: opts.devices, idPrefix, wipeEveryMs, staleToken: opts.staleToken !== false, enrollConcurrency: opts.concurrency, maxSockets: opts.maxSockets },
  { signal: controller.signal, ...(opts.duration !== undefined ? { durationMs: opts.duration } : {}) },
);
if (opts.json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(formatProgressLine(result.stats, result.sustainedCheckinsPerSecond));
  console.log(`Sustained check-ins/s after ramp-up: ${result.sustainedCheckinsPerSecond.toFixed(1)} over ${result.seconds.toFixed(0)} s.`);
}
