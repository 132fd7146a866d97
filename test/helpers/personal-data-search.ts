import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/**
 * Where any of `needles` (a person's name, email, phone, words they wrote) is still found,
 * case-insensitively: every file under `dir`, at any depth, read as bytes (and, for mail,
 * with quoted-printable undone too, so that a word broken over lines is still found).
 * Returns "file: needle" for each find; empty when the person is gone.
 */
export async function findInDataDir(dir: string, needles: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) continue;
    const raw = bytes.toString('utf8').toLowerCase();
    const decoded = unquote(bytes.toString('latin1')).toLowerCase();
    for (const needle of needles) {
      const n = needle.toLowerCase();
      if (raw.includes(n) || decoded.includes(n)) found.push(`${path.relative(dir, file)}: ${needle}`);
    }
  }
  return found;
}

/** The same for every table of a PostgreSQL database's public schema, a row at a time as text. */
export async function findInPostgres(url: string, needles: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const found: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      for (const { row } of rows) {
        for (const needle of needles) if (row.toLowerCase().includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
      }
    }
    return found;
  } finally {
    await client.end();
  }
}

function unquote(latin1: string): string {
  const bytes = latin1.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
