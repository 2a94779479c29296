import crypto from 'node:crypto';
import { auditWithClock, type Actor, type RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import { brandingProblems } from './errors.js';
import { logoTypeOf, MAX_LOGO_BYTES } from './image.js';
import { findAreaBranding, findLogo, findSoleAreaCode, saveHeaderName, saveLogo } from './repository.js';

/** What the page header and footer show: the area's name as a text logo, and its logo if it uploaded one. */
export interface Brand {
  name: string;
  logoUrl: string | null;
}

export interface BrandingChangeBy {
  actor: Actor;
  ctx: RequestContext;
  userId: string;
}

/** The name shown when the area has chosen none. */
export const defaultHeaderName = (areaName: string): string => `${areaName} Children’s Trust`;

export function brandingService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const KB = Math.round(MAX_LOGO_BYTES / 1024);

  async function brandOfArea(areaCode: string): Promise<Brand | null> {
    const b = await findAreaBranding(db, areaCode);
    if (!b) return null;
    return {
      name: b.headerName ?? defaultHeaderName(b.areaName),
      logoUrl: b.logoSha256 ? paths.areaLogo(b.areaCode, b.logoSha256.slice(0, 16)) : null,
    };
  }

  return {
    /** The brand of the signed-in user's area; signed out, the deployment's only area, if it has one. */
    async brandFor(areaCode: string | null): Promise<Brand | null> {
      const code = areaCode ?? (await findSoleAreaCode(db));
      return code === undefined ? null : brandOfArea(code);
    },

    /** The settings page: what is shown now, and whether the name is the default. */
    async current(areaCode: string) {
      const b = await findAreaBranding(db, areaCode);
      if (!b) throw brandingProblems.noLogo(`No area ${areaCode}`);
      const brand = await brandOfArea(areaCode);
      return { areaName: b.areaName, headerName: b.headerName, defaultName: defaultHeaderName(b.areaName), logoUrl: brand?.logoUrl ?? null };
    },

    logo: (areaCode: string) => findLogo(db, areaCode),

    /** A blank name goes back to the default ("<area> Children's Trust"). */
    async setHeaderName(by: BrandingChangeBy, areaCode: string, raw: string | undefined): Promise<void> {
      const name = (raw ?? '').trim().replace(/\s+/g, ' ');
      if (name.length > 80) {
        throw brandingProblems.invalid('The name is too long', {
          fieldErrors: [{ field: 'headerName', rule: 'max_length', message: 'Name shown in the header must be 80 characters or fewer' }],
        });
      }
      await db.transaction(async (tx) => {
        await saveHeaderName(tx, { areaCode, changedBy: by.userId, changedAt: clock.now() }, name === '' ? null : name);
        await audit(tx, by.actor, by.ctx, { action: 'branding.header_name_changed', areaCode, details: { headerName: name === '' ? null : name } });
      });
    },

    async uploadLogo(by: BrandingChangeBy, areaCode: string, bytes: Buffer | undefined): Promise<void> {
      const refuse = (rule: string, message: string) =>
        brandingProblems.invalid(message, { fieldErrors: [{ field: 'logo', rule, message }] });
      if (!bytes || bytes.length === 0) throw refuse('required', 'Select a PNG or JPEG image of your logo');
      if (bytes.length > MAX_LOGO_BYTES) throw refuse('max_size', `The logo must be smaller than ${KB} KB`);
      const type = logoTypeOf(bytes);
      // Told by its bytes, not its name: an SVG (which can carry script) renamed .png is still refused.
      if (!type) throw refuse('image_type', 'The logo must be a PNG or JPEG image');
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      await db.transaction(async (tx) => {
        await saveLogo(tx, { areaCode, changedBy: by.userId, changedAt: clock.now() }, { bytes, type, sha256 });
        await audit(tx, by.actor, by.ctx, { action: 'branding.logo_uploaded', areaCode, details: { type, bytes: bytes.length, sha256 } });
      });
    },

    async removeLogo(by: BrandingChangeBy, areaCode: string): Promise<void> {
      await db.transaction(async (tx) => {
        await saveLogo(tx, { areaCode, changedBy: by.userId, changedAt: clock.now() }, null);
        await audit(tx, by.actor, by.ctx, { action: 'branding.logo_removed', areaCode });
      });
    },
  };
}

export type BrandingService = ReturnType<typeof brandingService>;
