import type pg from 'pg';

/** Starts the text of a hot statement that PostgreSQL should plan once per connection. */
export const PREPARED = '/* prepared */';

/**
 * A statement whose text starts with PREPARED is sent as a named prepared statement, so
 * PostgreSQL parses and plans it once per connection instead of on every call (for the
 * attempt statements, planning cost more than running them). Only for hot statements with
 * a fixed text: rows passed as one JSON parameter, never as a list of placeholders that
 * grows with the batch, so each connection keeps a handful of names.
 */
export function prepareMarkedStatements(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !text.startsWith(PREPARED) || !Array.isArray(rest[0])) return query(text, ...rest);
    let name = names.get(text);
    if (name === undefined) {
      name = `jam_${names.size + 1}`;
      names.set(text, name);
    }
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  };
}
