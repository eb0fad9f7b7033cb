/** The few things the shared migrations and queries must know about a backend. */
export interface DialectFeatures {
  /**
   * Collation that orders and compares text byte for byte, for Device IDs: SQLite's default
   * (BINARY) already does; PostgreSQL's database default may be locale-aware, so it names "C".
   */
  byteOrderCollation: string | null;
  /**
   * Whether `SELECT … FOR UPDATE` exists. PostgreSQL runs transactions side by side, so a
   * transaction locks the device row it reads and racing writers queue instead of failing their
   * compare-and-set; SQLite has no such clause and needs none (one writer at a time).
   */
  rowLocks: boolean;
}
