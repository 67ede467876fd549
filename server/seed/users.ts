/** The demo sign-ins: one administrator, one back-office user, one field agent per company. */
import type { UserSeed } from '../auth/users.ts';
import { upsertUser } from '../auth/users.ts';
import type { Db } from '../storage/db.ts';

export const DEMO_SIGN_INS: readonly UserSeed[] = [
  { username: 'admin', password: 'admin', role: 'admin', companies: '*' },
  { username: 'backoffice', password: 'backoffice', role: 'backoffice', companies: '*' },
  { username: 'agent.usmf', password: 'agent', role: 'agent', companies: ['usmf'] },
  { username: 'agent.demf', password: 'agent', role: 'agent', companies: ['demf'] },
  { username: 'agent.gbsi', password: 'agent', role: 'agent', companies: ['gbsi'] },
];

export async function seedUsers(db: Db): Promise<void> {
  for (const user of DEMO_SIGN_INS) await upsertUser(db, user);
}
