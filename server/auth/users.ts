/** Users and bearer tokens, stored in the server's database. */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../storage/db.ts';
import type { Principal, Role } from '../odata/types.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface UserSeed {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly companies: '*' | readonly string[];
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export async function upsertUser(db: Db, user: UserSeed): Promise<void> {
  const hash = await hashPassword(user.password);
  await db.run(
    `INSERT INTO tandem_users (username, password_hash, role, companies) VALUES (?, ?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, companies = excluded.companies`,
    [user.username, hash, user.role, JSON.stringify(user.companies)],
  );
}

interface UserRow {
  username: string;
  password_hash: string;
  role: Role;
  companies: string;
}

const principalOf = (row: UserRow): Principal => ({
  username: row.username,
  role: row.role,
  companies: JSON.parse(row.companies) as Principal['companies'],
});

/** Checks a password; on success stores a new token (hashed) and returns it. */
export async function signIn(db: Db, username: string, password: string, ttlSeconds: number, now: Date): Promise<string | null> {
  const row = await db.get<UserRow>('SELECT * FROM tandem_users WHERE username = ?', [username]);
  // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
  const ok = await verifyPassword(password, row?.password_hash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!row || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  await db.run('DELETE FROM tandem_tokens WHERE expires_at < ?', [Math.floor(now.getTime() / 1000)]);
  await db.run('INSERT INTO tandem_tokens (token_hash, username, expires_at) VALUES (?, ?, ?)', [digest(token), username, expires]);
  return token;
}

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; reason: 'unknown' | 'expired' };

export async function principalForToken(db: Db, token: string, now: Date): Promise<TokenCheck> {
  const row = await db.get<UserRow & { expires_at: number }>(
    `SELECT u.*, t.expires_at FROM tandem_tokens t JOIN tandem_users u ON u.username = t.username WHERE t.token_hash = ?`,
    [digest(token)],
  );
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.expires_at * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, principal: principalOf(row) };
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');
