import type { LightMyRequestResponse } from 'fastify';
import type { Agent, TestApp } from './app.js';

/**
 * An import posted through the page (303 to the job's page) or the API (202 with the job's URL) runs
 * as a background job (ADR 0018): lets the runner finish it, then opens the job. Anything else (a
 * form error, a refusal before a job) is given back as it came.
 */
export async function afterImport(t: TestApp, agent: Agent, posted: LightMyRequestResponse): Promise<LightMyRequestResponse> {
  if (posted.statusCode !== 303 && posted.statusCode !== 202) return posted;
  await t.services.outcomes.imports.runner.idle();
  return agent.get(String(posted.headers.location));
}

/** The report of an import job, as the API answers it (null while it runs or when it failed). */
export const jobReport = <T = Record<string, unknown>>(job: LightMyRequestResponse): T => (job.json() as { report: T }).report;
