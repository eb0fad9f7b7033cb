/** Runs background jobs (pruning sessions, spent rate-limit windows) on one node at a time. */
export interface JobLock {
  /** Runs `job` unless another node is running it; true when this node ran it. */
  runExclusive(name: string, job: () => Promise<void>): Promise<boolean>;
  close(): Promise<void>;
}

/** A single node (SQLite): nothing to share, so every job just runs. */
export const localJobLock: JobLock = {
  async runExclusive(_name, job) {
    await job();
    return true;
  },
  async close() {},
};
