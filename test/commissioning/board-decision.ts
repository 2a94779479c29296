import { expect } from 'vitest';
import type { Scene } from '../governance/scene.js';
import { created } from '../governance/scene.js';

/**
 * A decision of the scene's board (test/governance/scene.ts), taken as its secretariat takes one: a meeting, an
 * item naming what it touches, everyone present, a member with a declared interest withdrawing (ADR 0033's pool
 * agreements cite one). Power version 1 (consensus) is in force before 1 June 2026.
 */
export async function boardDecision(
  s: Scene,
  { heldOn = '2025-03-12', title = 'Pooled fund agreement', serviceIds = [] as string[], organisationIds = [] as string[], withdrew = [] as string[] } = {},
): Promise<string> {
  const sec = s.agents.secretariat;
  const meeting = created(await sec.postJson(`/api/governance/bodies/${s.board}/meetings`, { heldOn, place: 'County Hall' }));
  const item = created(await sec.postJson(`/api/governance/meetings/${meeting}/items`, { title, organisationIds, serviceIds }));
  for (const memberId of [s.seats.chair, s.seats.m1, s.seats.m2, s.seats.m3])
    expect((await sec.postJson(`/api/governance/meetings/${meeting}/attendance`, { memberId, attendance: 'present' })).statusCode).toBe(204);
  const all = [s.seats.chair, s.seats.m1, s.seats.m2, s.seats.m3];
  return created(
    await sec.postJson(`/api/governance/meetings/${meeting}/items/${item}/decisions`, {
      decision: `Agreed: ${title}`,
      powerId: heldOn < '2026-06-01' ? s.powerV1.id : s.powerV2.id,
      tookPart: all.filter((m) => !withdrew.includes(m)),
      withdrew,
      ...(heldOn < '2026-06-01' ? {} : { votesFor: all.length - withdrew.length, votesAgainst: 0, abstentions: 0 }),
    }),
  );
}
