import { Type, type Static } from '@sinclair/typebox';

/** Request and response schemas of the outcome pages and API: validation, types and OpenAPI from one source. */

const GROUP_CODES = ['all', 'disabled', 'sen', 'looked-after', 'fsm', 'minority-ethnic', 'female', 'male'] as const;
const groupCode = Type.Union(
  GROUP_CODES.map((g) => Type.Literal(g)),
  { description: 'all children, or a group of children (000 §2.2)' },
);

export const IndicatorParams = Type.Object({
  indicatorCode: Type.String({ minLength: 1, maxLength: 40, description: 'Indicator code, like NI 56 (spaces may be left out)' }),
});
export type IndicatorParams = Static<typeof IndicatorParams>;

export const ImportJobParams = Type.Object({
  jobId: Type.String({ minLength: 1, maxLength: 64, description: 'The import job, as the answer to the upload named it' }),
});
export type ImportJobParams = Static<typeof ImportJobParams>;

export const ChartParams = Type.Object({
  indicatorCode: IndicatorParams.properties.indicatorCode,
  chart: Type.Union([Type.Literal('trend'), Type.Literal('ranking'), Type.Literal('gap')]),
  format: Type.Union([Type.Literal('png'), Type.Literal('csv')]),
});
export type ChartParams = Static<typeof ChartParams>;

export const OutcomeParams = Type.Object({ outcomeCode: Type.String({ pattern: '^[a-z]+(-[a-z]+)*$', maxLength: 60 }) });
export type OutcomeParams = Static<typeof OutcomeParams>;

export const AnalysisQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 20, description: 'First period of the span, like 2005-06' })),
  to: Type.Optional(Type.String({ maxLength: 20, description: 'Last period of the span' })),
  group: Type.Optional(Type.String({ maxLength: 30, description: 'A group code whose gap to all children to show' })),
});
export type AnalysisQuery = Static<typeof AnalysisQuery>;

export const CatalogueQuery = Type.Object({ outcome: Type.Optional(Type.String({ maxLength: 60 })) });
export type CatalogueQuery = Static<typeof CatalogueQuery>;

const Indicator = Type.Object({
  code: Type.String(),
  title: Type.String(),
  definition: Type.String(),
  unit: Type.String(),
  polarity: Type.String(),
  aimCodes: Type.Array(Type.String()),
  source: Type.String(),
  frequency: Type.String(),
  scope: Type.Union([Type.Literal('national'), Type.Literal('local')]),
  areaCode: Type.Union([Type.String(), Type.Null()]),
  hasDenominator: Type.Boolean(),
  decimals: Type.Union([Type.Integer(), Type.Null()], { description: 'Decimal places shown; null: as published' }),
});

export const IndicatorList = Type.Array(Indicator);

export const Framework = Type.Array(
  Type.Object({
    code: Type.String(),
    statutoryWording: Type.String(),
    everydayName: Type.String(),
    aims: Type.Array(
      Type.Object({
        code: Type.String(),
        text: Type.String(),
        forParentsAndCarers: Type.Boolean(),
        indicators: Type.Array(Type.Object({ code: Type.String(), title: Type.String() })),
      }),
    ),
  }),
);

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Table = Type.Object({ caption: Type.String(), head: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.String())) });

export const Analysis = Type.Object({
  indicator: Indicator,
  area: Type.Object({ code: Type.String(), name: Type.String() }),
  comparators: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  periods: Type.Array(Type.String()),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.Union([Type.String(), Type.Null()]),
  group: groupCode,
  trend: Type.Array(
    Type.Object({
      period: Type.String(),
      value: nullableNumber,
      status: Type.String(),
      interval: Type.Union([
        Type.Object({
          lower: Type.Number(),
          upper: Type.Number(),
          method: Type.String({ description: '"as published" (the publisher’s, the official figure), or how we computed it: Wilson score, Byar' }),
        }),
        Type.Null(),
      ]),
      interval998Text: Type.Union([Type.String({ description: 'The publisher’s 99.8% interval, as published' }), Type.Null()]),
      note: Type.Union([Type.String({ description: 'The publisher’s note on the value' }), Type.Null()]),
    }),
  ),
  comparison: Type.Union([
    Type.Object({
      period: Type.Object({ label: Type.String() }),
      rank: Type.Union([Type.Integer(), Type.Null()]),
      rankedCount: Type.Integer(),
      quartile: Type.Union([Type.Integer(), Type.Null()]),
      comparatorMean: nullableNumber,
      comparatorMedian: nullableNumber,
      england: Type.Object({ value: nullableNumber, status: Type.String() }),
      ranked: Type.Array(
        Type.Object({
          areaCode: Type.String(),
          value: nullableNumber,
          status: Type.String(),
          rank: Type.Union([Type.Integer(), Type.Null()]),
        }),
      ),
    }),
    Type.Null(),
  ]),
  change: Type.Union([
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      absolute: nullableNumber,
      relative: nullableNumber,
      direction: Type.String(),
      england: Type.Object({ absolute: nullableNumber, relative: nullableNumber, direction: Type.String() }),
      sentence: Type.String(),
    }),
    Type.Null(),
  ]),
  target: Type.Union([
    Type.Object({ period: Type.String(), target: Type.Number(), value: Type.Number(), rag: Type.String() }),
    Type.Null(),
  ]),
  gap: Type.Union([
    Type.Object({
      points: Type.Array(Type.Object({ period: Type.String(), group: nullableNumber, all: nullableNumber, gap: nullableNumber })),
      movement: Type.Union([
        Type.Object({
          from: Type.String(),
          to: Type.String(),
          standing: Type.Union([Type.String(), Type.Null()]),
          movement: Type.String(),
        }),
        Type.Null(),
      ]),
    }),
    Type.Null(),
  ]),
  tables: Type.Record(Type.String(), Table),
});

export const DashboardSchema = Type.Object({
  areaCode: Type.String(),
  comparatorCount: Type.Integer(),
  outcomes: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      rows: Type.Array(
        Type.Object({
          code: Type.String(),
          title: Type.String(),
          latestPeriod: Type.Union([Type.String(), Type.Null()]),
          latestText: Type.String(),
          englandText: Type.String(),
          direction: Type.String(),
          rank: Type.Union([Type.Integer(), Type.Null()]),
          rankedCount: Type.Integer(),
          quartile: Type.Union([Type.Integer(), Type.Null()]),
          rag: Type.Union([Type.String(), Type.Null()]),
          partial: Type.Union(
            [
              Type.Object({
                period: Type.String(),
                areas: Type.Integer({ description: 'Areas (of the area, its comparators and England) with a row for the period' }),
                expected: Type.Integer(),
              }),
              Type.Null(),
            ],
            {
              description:
                'A later period than latestPeriod that not every area has values for yet; latestPeriod is the latest complete one',
            },
          ),
          series: Type.Array(Type.Object({ period: Type.String(), value: Type.Union([Type.Number(), Type.Null()]), text: Type.String() })),
          gaps: Type.Array(
            Type.Object({
              group: Type.String(),
              gapText: Type.String({ description: "The gap, signed: the group's value less all children's" }),
              standingText: Type.String({
                description: 'Where the group stands, never a negative "behind": "behind by 21.1 percentage points"',
              }),
              standing: Type.Union([Type.String(), Type.Null()]),
              movement: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
        }),
      ),
    }),
  ),
});

/**
 * An import's body: JSON with the CSV text (small files), or the file itself, sent as a `text/csv`
 * body or as the `file` part of a multipart form (any size up to 200 MB, written to disk as it
 * arrives). `importGoodRows` comes in the JSON, the form, or the query.
 */
export const ImportBody = Type.Object({
  csv: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 400_000,
      description: 'The CSV text, long or wide layout (docs: import.ts), when sent as JSON',
    }),
  ),
  importGoodRows: Type.Optional(Type.Boolean({ default: false, description: 'Import the good rows of a file with faults' })),
  fileName: Type.Optional(
    Type.String({ maxLength: 255, description: 'The name of the file the text came from, kept with the import and in the audit trail' }),
  ),
});
export type ImportBody = Static<typeof ImportBody>;

export const ImportReport = Type.Object({
  status: Type.Union([Type.Literal('imported'), Type.Literal('rejected')]),
  importId: Type.Union([Type.String(), Type.Null()]),
  layout: Type.Union([Type.String(), Type.Null()], { description: 'The layout found from the header (layouts/index.ts)' }),
  layoutWords: Type.Union([Type.String(), Type.Null()], { description: 'The layout in words, as the report states it' }),
  rows: Type.Integer(),
  values: Type.Integer(),
  created: Type.Integer(),
  replaced: Type.Integer(),
  unchanged: Type.Integer(),
  notReplaced: Type.Array(Type.Object({ line: Type.Integer(), column: Type.String(), reason: Type.String() }), {
    description: 'The first 20 values not written because a later revision is held (a provisional after a final); notReplacedTotal counts them all',
  }),
  notReplacedTotal: Type.Integer(),
  skipped: Type.Array(Type.Object({ reason: Type.String(), rows: Type.Integer() }), {
    description: 'Rows the layout leaves out by design (a district, an ICB, a breakdown not mapped), counted by reason; not faults',
  }),
  faults: Type.Array(
    Type.Object({
      line: Type.Integer(),
      column: Type.String(),
      kind: Type.String(),
      reason: Type.String(),
      href: Type.Optional(Type.String({ description: 'Where to put it right: the mapping page for a publisher’s file with no mapping' })),
    }),
    {
      description: 'The first faults of each kind (at most 20 a kind), by line; faultsTotal and faultKinds count them all',
    },
  ),
  faultsTotal: Type.Integer({ description: 'Every fault of the file' }),
  faultKinds: Type.Array(
    Type.Object({
      kind: Type.String(),
      count: Type.Integer({ description: 'Faults of this kind in the file' }),
      more: Type.Integer({ description: 'Faults of this kind not listed in faults' }),
    }),
  ),
  demoValuesRemoved: Type.Optional(
    Type.Object(
      { values: Type.Integer(), indicators: Type.Array(Type.String()) },
      { description: 'The demo’s invented values of the indicators imported, removed so real and invented figures never mix' },
    ),
  ),
  neighbourGroups: Type.Optional(
    Type.Object(
      { areas: Type.Integer(), neighbours: Type.Integer() },
      { description: 'A statistical neighbours file sets no values: the authorities whose neighbours it set, and how many' },
    ),
  ),
});

export const ImportQuery = Type.Object({
  importGoodRows: Type.Optional(Type.Boolean({ description: 'For a text/csv body: import the good rows of a file with faults' })),
  fileName: Type.Optional(Type.String({ maxLength: 200, description: 'For a text/csv body: the file name to record' })),
});

export const ImportJobSchema = Type.Object({
  id: Type.String(),
  url: Type.String({ description: 'Where to follow the job (GET)' }),
  state: Type.Union(
    ['queued', 'reading', 'applying', 'done', 'refused', 'failed'].map((s) => Type.Literal(s)),
    {
      description: 'queued, reading (checking the file), applying, then done, refused (faults) or failed (nothing applied)',
    },
  ),
  file: Type.String(),
  percent: Type.Integer(),
  progress: Type.Object({
    totalBytes: Type.Integer(),
    bytesRead: Type.Integer(),
    rowsRead: Type.Integer(),
    valuesWritten: Type.Integer(),
    valuesApplied: Type.Integer(),
    faults: Type.Integer(),
  }),
  failure: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  report: Type.Union([ImportReport, Type.Null()]),
});

export const ComparatorsBody = Type.Object({
  comparators: Type.Array(Type.String({ pattern: '^E[0-9]{8}$' }), {
    maxItems: 160,
    description: 'ONS codes of the statistical neighbours',
  }),
});
export type ComparatorsBody = Static<typeof ComparatorsBody>;

export const Comparators = Type.Array(
  Type.Object({ code: Type.String(), name: Type.String(), region: Type.String(), kind: Type.String() }),
);

export const LocalIndicatorBody = Type.Object({
  code: Type.String({ maxLength: 40 }),
  title: Type.String({ maxLength: 400 }),
  definition: Type.Optional(Type.String({ maxLength: 4000 })),
  unit: Type.String({ maxLength: 40 }),
  polarity: Type.String({ maxLength: 40 }),
  source: Type.Optional(Type.String({ maxLength: 4000 })),
  frequency: Type.String({ maxLength: 40 }),
  hasDenominator: Type.Optional(Type.Boolean()),
  decimals: Type.Optional(Type.Integer()),
  aimCodes: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 40 }),
});
export type LocalIndicatorBody = Static<typeof LocalIndicatorBody>;

export const TargetBody = Type.Object({
  period: Type.String({ maxLength: 20, description: 'Period the target is for, like 2009-10' }),
  value: Type.Number(),
  group: Type.Optional(groupCode),
});
export type TargetBody = Static<typeof TargetBody>;

export const TargetSchema = Type.Object({ period: Type.String(), group: Type.String(), value: Type.Number() });

export const NarrativeBody = Type.Object({ narrative: Type.String({ maxLength: 20_000 }) });
export type NarrativeBody = Static<typeof NarrativeBody>;

const levelFigures = Type.Object({
  children: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  fundingPounds: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
});

export const NeedsLevelsBody = Type.Object({
  yearLabel: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'Financial year, like 2008-09' }),
  levels: Type.Object({
    universal: Type.Optional(levelFigures),
    additional: Type.Optional(levelFigures),
    complex: Type.Optional(levelFigures),
    'acute/specialist': Type.Optional(levelFigures),
  }),
});
export type NeedsLevelsBody = Static<typeof NeedsLevelsBody>;

export const NeedsSchema = Type.Object({
  narratives: Type.Array(
    Type.Object({ outcomeCode: Type.String(), narrative: Type.String(), updatedAt: Type.String({ format: 'date-time' }) }),
  ),
  levels: Type.Array(
    Type.Object({
      yearLabel: Type.String(),
      level: Type.String(),
      children: Type.Union([Type.Integer(), Type.Null()]),
      fundingPounds: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

export const Topic = Type.Object({
  topic: Type.String({ description: 'A publisher’s topic, as the data dictionary writes it' }),
  aimCodes: Type.Array(Type.String(), { description: 'The aims its national indicators evidence' }),
  indicators: Type.Integer({ description: 'National indicators of the topic' }),
});
export const Topics = Type.Array(Topic);
export const TopicBody = Type.Object({
  topic: Type.String({ minLength: 1, maxLength: 200 }),
  aimCodes: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 40, description: 'Every aim the topic evidences; none clears it' }),
});
export type TopicBody = Static<typeof TopicBody>;
