import { loadConfig, startServer } from './server.js';

/** `npm start`: serve DMP until SIGTERM/SIGINT, then finish in-flight requests and close the database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  if (server.bootstrapAdmin) {
    const { email, password, generated } = server.bootstrapAdmin;
    // Printed once, to the terminal only: the log never holds a password.
    process.stdout.write(
      generated
        ? `\nCreated the first platform admin.\n  Email:    ${email}\n  Password: ${password}\nWrite it down: it is not shown again.\n\n`
        : `\nCreated the first platform admin ${email} (password from DMP_ADMIN_PASSWORD).\n\n`,
    );
  }
  process.stdout.write(`DMP is running: console and API at ${server.url}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal}: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`DMP could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
