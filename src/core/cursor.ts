import { AppError } from './errors.js';

/** Opaque keyset cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string, shape: { [K in keyof T]: 'string' | 'number' }): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    const record = value as Record<string, unknown>;
    for (const [key, type] of Object.entries(shape)) {
      const field = record[key];
      if (typeof field !== type) throw new Error(`bad ${key}`);
      // Times are whole milliseconds; anything else (1e400, 1.5) would only fail deeper down.
      if (typeof field === 'number' && !Number.isSafeInteger(field)) throw new Error(`bad ${key}`);
    }
    return record as T;
  } catch {
    throw new AppError('invalid_request', 'The cursor is not valid; start again from the first page.');
  }
}
