import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { closeApp, createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createUser } from '../../server/domain/accounts/users.ts';
import { createConformanceEngine, type ConformanceEngine } from '../../server/domain/conformance/index.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { Jurisdiction, OrganisationKind, Role, Store, UserRecord } from '../../server/store/port.ts';
import { provideShippedStandards } from './shipped-data.ts';
import { tempDir } from './temp-dir.ts';

/** A registry on a fresh temporary embedded store, driven in-process with supertest. */
export interface TestRegistry {
  app: Express;
  store: Store;
  engine: ConformanceEngine;
  config: Config;
  dataDir: string;
  /**
   * Creates a user with the role (org and jurisdiction defaulted sensibly; a new org gets the kind that fits the
   * role unless `orgKind` says otherwise) and returns its Bearer header value.
   */
  login(role: Role, options?: { org?: string; orgKind?: OrganisationKind; jurisdiction?: Jurisdiction | null }): Promise<{ auth: string; token: string; user: UserRecord }>;
  close(): Promise<void>;
}

/** Starts a test registry; with `shipped: true` the shipped standards are published first. */
export async function startRegistry(options: { shipped?: boolean; env?: Record<string, string> } = {}): Promise<TestRegistry> {
  const dir = tempDir();
  const config = loadConfig({ REGISTRY_DATA_DIR: dir.path, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://registry.test', ...options.env });
  const engine = createConformanceEngine();
  // The shipped standards are trusted: they compile in-process (or come prebuilt); the app's requests go through its worker pool.
  const store = options.shipped ? await provideShippedStandards(config, engine, () => openSqliteStore(config.dataDir)) : openSqliteStore(config.dataDir);
  const app = createApp({ config, store, engine });
  return {
    app, store, engine, config, dataDir: dir.path,
    async login(role, { org, orgKind, jurisdiction } = {}) {
      const needsJurisdiction = role === 'regulator' || role === 'customs';
      const { user, token } = await createUser(store, {
        email: `${role}-${randomUUID()}@example.org`,
        name: `Test ${role}`,
        role,
        org: org ?? `${role} org ${randomUUID()}`,
        ...(orgKind ? { orgKind } : {}),
        jurisdiction: jurisdiction === undefined ? (needsJurisdiction ? 'IR' : null) : jurisdiction,
      });
      return { auth: `Bearer ${token}`, token, user };
    },
    async close() {
      await closeApp(app);
      await store.close();
      dir.remove();
    },
  };
}
