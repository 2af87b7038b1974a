import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the run's throwaway PostgreSQL cluster (test/support/postgres.ts makes databases in it). */
    postgresUrl: string;
  }
}

/** vitest globalSetup: one PostgreSQL cluster for the whole run, stopped and deleted at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
