import { Command, CommanderError, Option } from 'commander';
import { agentVersion } from './agent-version.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { enrollCommand, type EnrollOptions } from './commands/enroll.js';
import { runCommand } from './commands/run.js';
import { statusCommand } from './commands/status.js';
import { readStdin } from './read-stdin.js';
import { AGENT_EXIT } from './exit-codes.js';
import { defaultStateFilePath } from './state-file.js';
import { duration, positiveInt } from './option-parsers.js';

/** What a parsed command line asks for; main.ts runs it, tests inspect it. */
export type AgentInvocation =
  | { command: 'enroll'; options: EnrollOptions }
  | { command: 'run'; options: { stateFile: string; once: boolean; verbose: boolean; backoff: BackoffPolicy } }
  | { command: 'status'; options: { stateFile: string; json: boolean } };

function backoffFrom(opts: { retryMinMs?: number; retryMaxMs?: number }, defaults: BackoffPolicy): BackoffPolicy {
  const minMs = opts.retryMinMs ?? defaults.minMs;
  return { ...defaults, minMs, maxMs: Math.max(minMs, opts.retryMaxMs ?? defaults.maxMs) };
}

/** The enroll --wait default: retry often enough that a device enrolls within a minute of the reset. */
const ENROLL_WAIT_BACKOFF: BackoffPolicy = { minMs: 2_000, maxMs: 60_000, factor: 2 };

/**
 * Parses argv into an invocation without running it (and without exiting: errors are thrown as
 * CommanderError), so argument handling is tested without a server.
 */
export function parseAgentArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, writeErr: (text: string) => void = (text) => process.stderr.write(text)): AgentInvocation | { command: 'none' } {
  let invocation: AgentInvocation | { command: 'none' } = { command: 'none' };
  const program = new Command('dmp-agent')
    .description('DMP device agent: enrolls this device with a DMP server and checks in.')
    .version(agentVersion())
    .addOption(new Option('--state-file <path>', 'where the token and state live (mode 0600)').env('DMP_AGENT_STATE'))
    .exitOverride()
    .configureOutput({ writeErr })
    .showHelpAfterError('(run dmp-agent --help for usage)');
  const stateFileOf = () => (program.opts().stateFile as string | undefined) ?? defaultStateFilePath(env);

  program
    .command('enroll')
    .description('enroll this device; on "Registration Failed" ask an admin to reset its auth token')
    .argument('[enrollment-string]', 'the dmp://enroll?... string from the console\'s enrollment-key QR code ("-" reads it from stdin)')
    .addOption(new Option('--server <url>', 'DMP server URL').env('DMP_SERVER'))
    .addOption(new Option('--domain <domain>', 'domain to enroll in').env('DMP_DOMAIN'))
    .addOption(new Option('--key <key>', 'enrollment key').env('DMP_ENROLLMENT_KEY'))
    .option('--device-id <id>', 'Device ID, case-sensitive (default: this machine\'s id)')
    .option('--wait', 'on Registration Failed (and network trouble) keep retrying until an admin resets the token', false)
    .option('--timeout <duration>', 'with --wait: give up after this long (e.g. 10m)', duration)
    .option('--retry-min-ms <ms>', 'first retry delay', positiveInt)
    .option('--retry-max-ms <ms>', 'longest retry delay', positiveInt)
    .option('--no-store-key', 'do not keep the enrollment key (then an admin reset needs a manual enroll)')
    .option('--force', 'enroll even if this state file already holds a token', false)
    .action((enrollmentString: string | undefined, opts) => {
      invocation = {
        command: 'enroll',
        options: {
          stateFile: stateFileOf(),
          ...(enrollmentString ? { enrollmentString } : {}),
          ...(opts.server ? { server: opts.server } : {}),
          ...(opts.domain ? { domain: opts.domain } : {}),
          ...(opts.key ? { key: opts.key } : {}),
          ...(opts.deviceId ? { deviceId: opts.deviceId } : {}),
          wait: Boolean(opts.wait),
          ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
          backoff: backoffFrom(opts, ENROLL_WAIT_BACKOFF),
          storeKey: opts.storeKey !== false,
          force: Boolean(opts.force),
        },
      };
    });

  program
    .command('run')
    .description('check in on the server\'s interval until stopped; enrolls again by itself after an admin reset')
    .option('--once', 'check in once and exit (0: ok)', false)
    .option('--verbose', 'log every check-in (default: only changes)', false)
    .option('--retry-min-ms <ms>', 'first retry delay after a failure', positiveInt)
    .option('--retry-max-ms <ms>', 'longest retry delay', positiveInt)
    .action((opts) => {
      invocation = { command: 'run', options: { stateFile: stateFileOf(), once: Boolean(opts.once), verbose: Boolean(opts.verbose), backoff: backoffFrom(opts, DEFAULT_BACKOFF) } };
    });

  program
    .command('status')
    .description('show Device ID, domain, server, state, last check-in and last error')
    .option('--json', 'machine-readable output', false)
    .action((opts) => {
      invocation = { command: 'status', options: { stateFile: stateFileOf(), json: Boolean(opts.json) } };
    });

  program.parse(argv, { from: 'user' });
  return invocation;
}

/** Runs dmp-agent with these arguments and returns the exit code. */
export async function runAgentCli(argv: string[]): Promise<number> {
  let invocation;
  try {
    invocation = parseAgentArgs(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? AGENT_EXIT.ok : AGENT_EXIT.usage;
    }
    throw error;
  }
  try {
    switch (invocation.command) {
      case 'enroll': {
        const { enrollmentString } = invocation.options;
        // "-": the enrollment string comes on stdin (e.g. from a QR scanner).
        const options = enrollmentString === '-' ? { ...invocation.options, enrollmentString: (await readStdin()).trim() } : invocation.options;
        return await enrollCommand(options);
      }
      case 'run':
        return await runCommand(invocation.options);
      case 'status':
        return await statusCommand(invocation.options);
      case 'none':
        return AGENT_EXIT.usage;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return AGENT_EXIT.error;
  }
}
