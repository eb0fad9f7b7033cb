import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { JobLock } from '../job-lock.js';

// Advisory locks are one key space per database; this prefix keeps DMP's apart from others'.
const LOCK_NAMESPACE = 'dmp.job:';

/** A job name as the signed 64-bit key pg_try_advisory_lock takes. */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(LOCK_NAMESPACE + name).digest().readBigInt64BE(0).toString();
}

/**
 * Background jobs under a PostgreSQL advisory lock, so one node runs each at a time. The lock is
 * held at least `minHoldMs` after a run starts: nodes fire on the same clock slot, and a node
 * whose clock is a little late must still find it taken, so the job runs once per slot.
 */
export function createPostgresJobLock(pool: pg.Pool, { minHoldMs = 5_000 } = {}): JobLock {
  const held = new Map<NodeJS.Timeout, () => Promise<void>>();

  return {
    async runExclusive(name, job) {
      const key = advisoryLockKey(name);
      const client = await pool.connect();
      const startedAt = Date.now();
      let locked = false;
      const unlock = async () => {
        try {
          if (locked) await client.query('select pg_advisory_unlock($1::bigint)', [key]);
          client.release();
        } catch (err) {
          // Destroying the connection ends its session, which frees the lock too.
          client.release(err instanceof Error ? err : true);
        }
      };
      try {
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [key]);
        locked = rows[0]?.locked === true;
        if (locked) await job();
        return locked;
      } finally {
        const remainingMs = locked ? startedAt + minHoldMs - Date.now() : 0;
        if (remainingMs <= 0) await unlock();
        else {
          const timer = setTimeout(() => {
            held.delete(timer);
            void unlock();
          }, remainingMs);
          timer.unref();
          held.set(timer, unlock);
        }
      }
    },
    async close() {
      const pending = [...held];
      held.clear();
      for (const [timer, unlock] of pending) {
        clearTimeout(timer);
        await unlock();
      }
    },
  };
}
