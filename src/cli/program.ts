import { Command, CommanderError, Option } from 'commander';
import { AUTH_STATES } from '../contract/common.js';
import { DEVICE_SORTS } from '../contract/admin.js';
import { agentVersion } from '../agent/agent-version.js';
import { readStdin } from '../agent/read-stdin.js';
import { AdminApiError } from './admin-client.js';
import { createCliContext, UsageError, type GlobalOptions } from './cli-context.js';
import { auditCommand } from './commands/audit.js';
import { listDevicesCommand, resetDevicesCommand, showDeviceCommand } from './commands/devices.js';
import { createKeyCommand, listKeysCommand, revokeKeysCommand } from './commands/keys.js';
import { loginCommand, logoutCommand } from './commands/login.js';
import { listDomainsCommand, whoamiCommand } from './commands/whoami.js';
import { CLI_EXIT, exitCodeForStatus } from './exit-codes.js';
import { duration, positiveInt } from '../agent/option-parsers.js';

/** Options that every command accepts, wherever they are placed. */
function withCommon(command: Command): Command {
  return command
    .option('--domain <domain>', 'domain to act on (default: from login, DMP_DOMAIN, or your only domain)')
    .option('--json', 'machine-readable output', false)
    .option('--server <url>', 'server URL (default: from dmp login, or DMP_SERVER)')
    .option('--config <path>', 'config file (default: DMP_CONFIG or ~/.config/dmp/config.json)');
}

/** stdin, unless it is a terminal (then nobody is piping IDs in). */
async function pipedStdin(): Promise<string | undefined> {
  return process.stdin.isTTY ? undefined : readStdin();
}

/**
 * Builds `dmp`. Each action sets `run`, which main executes, so parsing is testable on its own.
 */
export function buildCliProgram(env: NodeJS.ProcessEnv = process.env) {
  let run: (() => Promise<number>) | undefined;
  const withContext = (opts: GlobalOptions, body: (ctx: Awaited<ReturnType<typeof createCliContext>>) => Promise<number>) => {
    run = async () => body(await createCliContext(opts, env));
  };

  const program = new Command('dmp')
    .description('DMP admin CLI: devices, auth token resets, enrollment keys and the audit log, with an admin API token.')
    .version(agentVersion())
    .exitOverride()
    .showHelpAfterError('(run dmp --help for usage)');

  program
    .command('login')
    .description('keep an admin API token for this CLI (--token), or sign in and create one (--email)')
    .option('--token <token>', 'an existing admin API token (or DMP_TOKEN)')
    .option('--email <email>', 'sign in with email and password; a new API token is created')
    .option('--password-stdin', 'read the password from stdin (or set DMP_PASSWORD)', false)
    .option('--domain <domain>', 'default domain for later commands')
    .option('--server <url>', 'server URL (or DMP_SERVER)')
    .option('--json', 'machine-readable output', false)
    .option('--config <path>', 'config file')
    .action((opts) => {
      run = () => loginCommand(opts, env);
    });

  program
    .command('logout')
    .description('forget the token (and revoke it, if dmp login created it)')
    .option('--config <path>', 'config file')
    .action((opts) => {
      run = () => logoutCommand(opts, env);
    });

  withCommon(program.command('whoami').description('who the token belongs to')).action((opts) => withContext(opts, whoamiCommand));

  const domains = program.command('domains').description('domains you are a member of');
  withCommon(domains.command('list').description('list your domains and roles')).action((opts) => withContext(opts, listDomainsCommand));

  const devices = program.command('devices').description('devices of a domain');
  withCommon(devices.command('list').description('list devices (a warning state shows "(!)")'))
    .addOption(new Option('--state <state>', 'only devices in this authState').choices(AUTH_STATES))
    .option('--prefix <prefix>', 'Device ID prefix (case-sensitive)')
    .addOption(new Option('--sort <sort>', 'order').choices(DEVICE_SORTS))
    .option('--limit <n>', 'at most this many (max 500)', positiveInt)
    .option('--all', 'every page', false)
    .action((opts) => withContext(opts, (ctx) => listDevicesCommand(ctx, opts)));
  withCommon(devices.command('show').description('one device in full').argument('<device-id>', 'case-sensitive Device ID'))
    .action((deviceId: string, opts) => withContext(opts, (ctx) => showDeviceCommand(ctx, deviceId)));
  withCommon(
    devices
      .command('reset')
      .description('reset auth tokens so the devices can enroll again; IDs as arguments or one per line on stdin')
      .argument('[device-ids...]', 'case-sensitive Device IDs ("-" or none: read stdin)'),
  ).action((ids: string[], opts) => {
    withContext(opts, async (ctx) => resetDevicesCommand(ctx, ids, ids.length === 0 || ids.includes('-') ? await pipedStdin() : undefined));
  });

  const keys = program.command('keys').description('enrollment keys of a domain');
  withCommon(keys.command('create').description('create a key (shown once), with its enrollment string'))
    .option('--label <label>', 'what the key is for')
    .option('--expires-in <duration>', 'e.g. 7d, 12h', duration)
    .option('--expires-at <iso>', 'ISO 8601 time')
    .option('--max-uses <n>', 'enrollments allowed', positiveInt)
    .option('--qr', 'also print the enrollment string as a QR code', false)
    .action((opts) => withContext(opts, (ctx) => createKeyCommand(ctx, { ...opts, ...(opts.expiresIn !== undefined ? { expiresInMs: opts.expiresIn } : {}) })));
  withCommon(keys.command('list').description('list keys (never the keys themselves)')).action((opts) => withContext(opts, listKeysCommand));
  withCommon(keys.command('revoke').description('revoke keys; enrolled devices are unaffected').argument('<key-ids...>', 'key ids (from dmp keys list)'))
    .action((ids: string[], opts) => withContext(opts, (ctx) => revokeKeysCommand(ctx, ids)));

  withCommon(program.command('audit').description('the audit log, newest first'))
    .option('--device-id <id>', 'only this Device ID (exact)')
    .option('--action <action>', 'e.g. device.auth_token_reset')
    .option('--actor <actor>', 'user email or Device ID (exact)')
    .option('--limit <n>', 'entries (default 50)', positiveInt)
    .action((opts) => withContext(opts, (ctx) => auditCommand(ctx, opts)));

  return { program, takeRun: () => run };
}

/** Runs dmp with these arguments; returns the exit code (see exit-codes.ts). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { program, takeRun } = buildCliProgram(env);
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? CLI_EXIT.ok : CLI_EXIT.usage;
    }
    throw error;
  }
  const run = takeRun();
  if (!run) {
    program.outputHelp();
    return CLI_EXIT.usage;
  }
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return CLI_EXIT.usage;
    }
    if (error instanceof AdminApiError) {
      console.error(error.status === 401 && error.code !== 'unauthenticated' ? `${error.message} (${error.code}; run dmp login again)` : `${error.message} (${error.code})`);
      return error.status === 0 ? CLI_EXIT.error : exitCodeForStatus(error.status);
    }
    console.error(error instanceof Error ? error.message : String(error));
    return CLI_EXIT.error;
  }
}
