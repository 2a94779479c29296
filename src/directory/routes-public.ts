import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formOf, handleForm, pageRenderer, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import type { DirectorySearch, PublicDirectory } from './public.js';

/**
 * The directory of services (issue 17, item 1; ADR 0026): a page anyone reads without signing in,
 * searchable by need, age and place, its JSON twin, and the same search for practitioners to
 * signpost. Rate limited like the other public routes.
 */

const PUBLIC_RATE = { max: 60, timeWindow: '1 minute' };
const page = pageRenderer('directory/views');
const V = 'directory/views';

const SearchQuery = Type.Object({
  need: Type.Optional(Type.String({ description: 'An outcome (be-healthy) or one of its aims (be-healthy.1)' })),
  words: Type.Optional(Type.String({ description: 'Words in the name, description or provider' })),
  age: Type.Optional(Type.String({ description: 'A child’s age in whole years, 0 to 25' })),
  place: Type.Optional(Type.String({ description: 'A district of the area (its ONS code or name) or a town named in the address' })),
  postcode: Type.Optional(
    Type.String({
      description:
        'A full UK postcode (any spacing or case): services are sorted nearest first, by the area’s own postcode data. ' +
        'Refused naming the field: not a full postcode (postcode_format), the area has loaded no postcodes (postcode_data), ' +
        'or one the area’s data does not hold (postcode_known)',
    }),
  ),
});
const PublicEntrySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    description: Type.String(),
    serviceType: Type.Union([Type.String(), Type.Null()]),
    provider: Type.Union([Type.String(), Type.Null()]),
    providerKind: Type.Union([Type.String(), Type.Null()]),
    ageFrom: Type.Union([Type.Integer(), Type.Null()]),
    ageTo: Type.Union([Type.Integer(), Type.Null()]),
    needLevels: Type.Array(Type.String()),
    groups: Type.Array(Type.String()),
    aims: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
    address: Type.String(),
    postcode: Type.String(),
    distanceMiles: Type.Union([Type.Number(), Type.Null()], {
      description: 'Miles from the postcode searched, as the crow flies, to one decimal; null when no postcode was searched or the entry’s place is not known',
    }),
    districtCode: Type.Union([Type.String(), Type.Null()]),
    districtName: Type.Union([Type.String(), Type.Null()]),
    openingTimes: Type.String(),
    howToRefer: Type.String(),
    selfReferral: Type.Boolean(),
    contactEmail: Type.String(),
    contactPhone: Type.String(),
  },
  { additionalProperties: true },
);

const searchOf = (query: unknown): DirectorySearch => {
  const form = formOf(query);
  return { need: form.need, words: form.words, age: form.age, place: form.place, postcode: form.postcode };
};

export async function directoryPublicRoutes(
  app: FastifyInstance,
  { publicDirectory }: { publicDirectory: PublicDirectory },
): Promise<void> {
  /** The page for the public or for practitioners: the search, shown again with its fault if refused. */
  const show = async (
    reply: FastifyReply,
    areaCode: string,
    search: DirectorySearch,
    render: (data: Record<string, unknown>, status: number) => unknown,
    action: string,
    withSensitive = false,
  ) => {
    const redisplay = async (errors: FormErrors, status: number) =>
      render(
        {
          ...(await publicDirectory.search(areaCode, { ...search, age: '', postcode: '' }, { withSensitive })),
          entries: [],
          errors,
          values: search,
          action,
        },
        status,
      );
    const result = await handleForm(() => publicDirectory.search(areaCode, search, { withSensitive }), redisplay);
    if (result.ok)
      return render({ ...result.value, values: search, action, searched: Object.values(search).some((v) => (v ?? '').trim() !== '') }, 200);
    return reply;
  };

  app.get<{ Params: { areaCode: string } }>(
    paths.servicesDirectory(':areaCode'),
    { config: { policy: policy.public(), rateLimit: PUBLIC_RATE }, schema: { hide: true } },
    async (request, reply) => {
      const { areaCode } = request.params;
      await show(
        reply,
        areaCode,
        searchOf(request.query),
        (data, status) =>
          reply.code(status).render(`${V}/directory.njk`, { pageTitle: `Services for children and families`, public: true, ...data }),
        paths.servicesDirectory(areaCode),
      );
      return reply;
    },
  );

  app.get<{ Params: { areaCode: string }; Querystring: DirectorySearch }>(
    paths.servicesDirectoryApi(':areaCode'),
    {
      config: { policy: policy.public(), rateLimit: PUBLIC_RATE },
      schema: {
        tags: ['services'],
        summary:
          'The public directory of services of an area: open services, never a sensitive one, searched by need, age and place, nearest a postcode first (no sign-in)',
        params: Type.Object({ areaCode: Type.String() }),
        querystring: SearchQuery,
        response: {
          200: Type.Object({ area: Type.Object({ code: Type.String(), name: Type.String() }), entries: Type.Array(PublicEntrySchema) }),
        },
      },
    },
    async (request) => {
      const found = await publicDirectory.search(request.params.areaCode, request.query);
      return { area: found.area, entries: found.entries };
    },
  );

  app.get(paths.signposting, pageRoute('area.view'), async (request, reply) => {
    const { user } = signedIn(request);
    await show(
      reply,
      user.areaCode,
      searchOf(request.query),
      (data, status) => page(reply, 'directory.njk', { pageTitle: 'Find a service to signpost', ...data }, status),
      paths.signposting,
      true,
    );
    return reply;
  });
}
