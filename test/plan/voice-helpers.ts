import type { Queryable } from '../../src/platform/db.js';

/** A draft plan with two sections and a priority, written as the plan's own SQL would (the drafting part has its own tests). */
export async function buildDraftPlan(db: Queryable, areaCode: string, title = 'Plan 2027-2030'): Promise<{ planId: string; sectionId: string; priorityId: string }> {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await db.query<{ id: string }>(sql, params);
    if (!row) throw new Error('no row');
    return row.id;
  };
  const planId = await one(
    `INSERT INTO plan (area_code, title, period_start, period_end, owner, created_at, updated_at)
     VALUES ($1, $2, '2027-04-01', '2030-03-31', 'board', now(), now()) RETURNING id`,
    [areaCode, title],
  );
  const sectionId = await one(
    `INSERT INTO plan_section (plan_id, area_code, kind, title, body, complete, position, updated_at)
     VALUES ($1, $2, 'priorities', 'Our priorities', '', false, 3, now()) RETURNING id`,
    [planId, areaCode],
  );
  const priorityId = await one(
    `INSERT INTO plan_priority (plan_id, area_code, title, outcome_code, position, created_at, updated_at)
     VALUES ($1, $2, 'Safer streets and parks', 'stay-safe', 1, now(), now()) RETURNING id`,
    [planId, areaCode],
  );
  return { planId, sectionId, priorityId };
}

/** A day a number of days from today (YYYY-MM-DD). */
export const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
