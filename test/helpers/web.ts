import type { Jurisdiction, OrganisationKind, Role, UserRecord } from '../../server/store/port.ts';
import { hashPassword } from '../../server/domain/accounts/passwords.ts';
import supertest from 'supertest';
import type { TestRegistry } from './registry.ts';

export type Agent = ReturnType<typeof supertest.agent>;

/** The password every test user signs in with. */
export const testPassword = 'correct horse battery staple';

/** Sets a user's password directly in the store (what an admin's reset does, without the audit event). */
export async function givePassword(registry: TestRegistry, userId: string, password = testPassword): Promise<void> {
  const passwordHash = await hashPassword(password);
  await registry.store.transaction((tx) => tx.users.setPasswordHash(userId, passwordHash, new Date().toISOString()));
}

/** The `_csrf` value of the first form on a page (the page must render one). */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('the page has no CSRF field');
  return match[1]!;
}

/** GETs a page with the agent (as a browser would, asking for HTML) and returns the CSRF token of its form. */
export async function csrf(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path).set('Accept', 'text/html');
  return csrfOf(page.text);
}

/** Signs an existing user in through the sign-in form; returns the browser-like agent holding the session cookie. */
export async function signIn(registry: TestRegistry, email: string, password = testPassword): Promise<Agent> {
  const agent = supertest.agent(registry.app);
  const token = await csrf(agent, '/sign-in');
  const response = await agent.post('/sign-in').set('Accept', 'text/html').type('form').send({ _csrf: token, email, password });
  if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`);
  return agent;
}

/** Creates a user of the role (as registry.login does), gives them a password and signs them in through the form. */
export async function signInAs(
  registry: TestRegistry, role: Role, options: { org?: string; orgKind?: OrganisationKind; jurisdiction?: Jurisdiction | null } = {},
): Promise<{ agent: Agent; user: UserRecord; auth: string }> {
  const { user, auth } = await registry.login(role, options);
  await givePassword(registry, user.id);
  return { agent: await signIn(registry, user.email), user, auth };
}

/** Posts a form as a browser does: URL-encoded, asking for HTML, with the CSRF token of the page it came from. */
export async function postForm(agent: Agent, formPage: string, action: string, fields: Record<string, string | string[]>) {
  const token = await csrf(agent, formPage);
  return agent.post(action).set('Accept', 'text/html').type('form').send({ ...fields, _csrf: token });
}
