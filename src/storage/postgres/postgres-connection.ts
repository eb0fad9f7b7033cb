import pg from 'pg';

/** Pool settings: a node holds at most this many connections (DMP_PG_POOL_MAX overrides). */
export const DEFAULT_POOL_MAX = 10;
/** No single statement may hold a connection longer than this. */
export const STATEMENT_TIMEOUT_MS = 10_000;
/** How long a request waits for a free connection (or a new one) before it fails. */
export const CONNECTION_TIMEOUT_MS = 5_000;

const INT8_OID = 20;

// Times are epoch-ms bigint columns and counts come back as int8: both fit a JS number exactly.
const parseInt8 = (value: string): number => Number(value);
const customTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL without its password, safe to print in an error. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable URL';
  }
}

/** Connection settings shared by the pool and the dedicated LISTEN client. */
export function connectionConfig(url: string, applicationName: string, statementTimeoutMs: number | false = STATEMENT_TIMEOUT_MS): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: applicationName,
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    keepAlive: true,
    types: customTypes,
  };
}

/** A pool for one DMP node, checked once so a wrong DATABASE_URL fails at start-up with a clear message. */
export async function openPool(
  url: string,
  { poolMax = Number(process.env.DMP_PG_POOL_MAX) || DEFAULT_POOL_MAX, applicationName = 'dmp', statementTimeoutMs = STATEMENT_TIMEOUT_MS as number | false } = {},
): Promise<pg.Pool> {
  const pool = new pg.Pool({ ...connectionConfig(url, applicationName, statementTimeoutMs), max: poolMax, idleTimeoutMillis: 30_000 });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)} (DATABASE_URL): ${reason}. Check DATABASE_URL and that the database server is running.`);
  }
  return pool;
}
