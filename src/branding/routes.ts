import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../platform/auth/service.js';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { fileOf, formOf, handleForm, pageRenderer, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import { brandingProblems } from './errors.js';
import { MAX_LOGO_BYTES } from './image.js';
import type { BrandingService } from './service.js';

const page = pageRenderer('branding/views');
const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx, userId: user.id });

/** The area administrator's page for the header's name and logo, and the logo itself, served to anyone. */
export async function brandingRoutes(app: FastifyInstance, { branding }: { branding: BrandingService }): Promise<void> {
  const manage = pageRoute('settings.manage');

  const headerPage = async (reply: FastifyReply, user: User, opts: { headerName?: string; errors?: FormErrors; status?: number; done?: string } = {}) => {
    const current = await branding.current(user.areaCode);
    return page(
      reply,
      'header.njk',
      {
        pageTitle: 'Logo and name shown in the header',
        current,
        headerName: opts.headerName ?? current.headerName ?? '',
        maxKb: Math.round(MAX_LOGO_BYTES / 1024),
        done: opts.done,
        errors: opts.errors,
      },
      opts.status ?? 200,
    );
  };

  app.get(paths.localSettingsHeader, manage, async (request, reply) => {
    const done = formOf(request.query).done;
    return headerPage(reply, signedIn(request).user, { done: done === 'saved' || done === 'removed' ? done : undefined });
  });

  app.post(paths.localSettingsHeader, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const logo = fileOf(request.body, 'logo');
    const result = await handleForm(
      async () => {
        const current = await branding.current(user.areaCode);
        const name = (form.headerName ?? '').trim();
        if (name !== (current.headerName ?? '')) await branding.setHeaderName(by(user, request.context), user.areaCode, name);
        // An empty file part is a file input left alone: the logo stays as it is.
        if (logo && logo.length > 0) await branding.uploadLogo(by(user, request.context), user.areaCode, logo);
      },
      (errors, status) => headerPage(reply, user, { headerName: form.headerName, errors, status }),
      { hrefs: { logo: 'logo', headerName: 'headerName' } },
    );
    return result.ok ? reply.redirect(`${paths.localSettingsHeader}?done=saved`, 303) : reply;
  });

  app.post(paths.localSettingsHeaderLogoRemove, manage, async (request, reply) => {
    const { user } = signedIn(request);
    await branding.removeLogo(by(user, request.context), user.areaCode);
    return reply.redirect(`${paths.localSettingsHeader}?done=removed`, 303);
  });

  // Public: the sign-in page shows the logo too. Its address carries its hash, so it may be kept a year.
  app.get<{ Params: { areaCode: string } }>(
    paths.areaLogoPattern,
    { config: { policy: policy.public() }, schema: { hide: true } },
    async (request, reply) => {
      const logo = await branding.logo(request.params.areaCode);
      if (!logo) throw brandingProblems.noLogo('This area has no logo');
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-disposition', 'inline')
        .type(logo.type)
        .send(logo.bytes);
    },
  );
}
