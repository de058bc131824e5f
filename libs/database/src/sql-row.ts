/**
 * A row as `DataSource.query()` returns it: pg gives column names and values with no static type, and
 * each repository maps them at once into its own typed shape.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows are untyped until mapped
export type SqlRow = Record<string, any>;

/** The rows of a raw query: UPDATE … RETURNING comes back from TypeORM as [rows, count], SELECT as rows. */
export const rowsOf = <T = SqlRow>(result: unknown): T[] =>
  Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
