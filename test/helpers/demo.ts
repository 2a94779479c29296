import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/area.js';
import { paths } from '../../src/platform/paths.js';
import { Agent } from './app.js';

/**
 * A demo user signed in through the real sign-in page with the demo's password, for the tests that read
 * the loaded demo as its users do (roles that need no security code: board members and planners).
 */
export async function signInAsDemoUser(app: FastifyInstance, email: string): Promise<Agent> {
  const agent = new Agent(app);
  await agent.get(paths.signIn);
  const r = await agent.post(paths.signIn, { email, password: DEMO_PASSWORD, next: '/' });
  expect(r.headers.location).toBe('/');
  return agent;
}
