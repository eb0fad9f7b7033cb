/** The few things the shared migrations and queries must know about a backend. */
export interface DialectFeatures {
  /**
   * Collation that orders and compares text byte for byte, for Device IDs: SQLite's default
   * (BINARY) already does; PostgreSQL's database default may be locale-aware, so it names "C".
   */
  byteOrderCollation: string | null;
}
