import type { Role } from '../platform/policy.js';

/**
 * The demo local area: a made-up two-tier county with ONS-style codes, its partners as the 2005
 * guidance lists them (000 §1.16, §1.18; 2008 additions 001 §3.2) and a user for every role.
 * No real people or places.
 */
export const DEMO_AREA = {
  code: 'E10000099',
  name: 'Kestrelshire',
  kind: 'county',
  region: 'South West',
} as const;

export const DEMO_PASSWORD = 'Kestrelshire-demo-2026';

/** Shown when a search may have matched a shielded record the user cannot see. */
/**
 * Kestrelshire's levels of need, as its Children and Young People's Plan describes them (004
 * para 231: areas drew their own models; the names here are the four of 004 Table 4.1).
 */
export const DEMO_NEED_LEVELS = [
  { name: 'universal', description: 'Every child and family: schools, health visitors, children’s centres', nationalLevel: 'universal' },
  { name: 'additional', description: 'Needs one more service: a common assessment and a lead professional', nationalLevel: 'additional' },
  { name: 'complex', description: 'Several needs met by a team around the child, with a plan reviewed together', nationalLevel: 'complex' },
  { name: 'acute/specialist', description: 'In crisis or at risk of harm: children’s social care leads', nationalLevel: 'acute/specialist' },
];

export const DEMO_SHIELDED_CONTACT = 'Helen Marsh, designated safeguarding lead, Kestrelshire County Council, 01632 960 100';

export const DEMO_DISTRICTS = [
  { code: 'E07000901', name: 'Ashcombe' },
  { code: 'E07000902', name: 'Barrowmere' },
  { code: 'E07000903', name: 'Caddon Vale' },
  { code: 'E07000904', name: 'Dunstow' },
  { code: 'E07000905', name: 'Eastmoor' },
] as const;

export interface DemoOrganisation {
  name: string;
  sector: string;
  partnerStatus: 'lead authority' | 'relevant partner' | 'other partner';
  statutoryBasis: string;
  coverage: string;
}

const LA = 'Kestrelshire County Council';

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: LA,
    sector: 'local authority',
    partnerStatus: 'lead authority',
    statutoryBasis: 'Children Act 2004 s10(1): the children’s services authority makes and leads the co-operation arrangements (000 §2.56)',
    coverage: '',
  },
  ...DEMO_DISTRICTS.map((d) => ({
    name: `${d.name} District Council`,
    sector: 'district council',
    partnerStatus: 'relevant partner' as const,
    statutoryBasis: 'Children Act 2004 s10(4)(a): district council in a two-tier area (000 §1.16)',
    coverage: `${d.name} district only`,
  })),
  {
    name: 'Kestrelshire Police Authority',
    sector: 'police',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(b): police authority (000 §1.16)',
    coverage: 'Kestrelshire and Northmoor force area',
  },
  {
    name: 'Kestrelshire Constabulary (Chief Constable)',
    sector: 'police',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(c): chief officer of police (000 §1.16)',
    coverage: 'Kestrelshire and Northmoor force area',
  },
  {
    name: 'Kestrelshire and Northmoor Probation Board',
    sector: 'probation',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(d): local probation board (000 §1.16)',
    coverage: 'Kestrelshire and Northmoor',
  },
  {
    name: 'Kestrelshire Youth Offending Team',
    sector: 'youth offending',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(e): youth offending team; decisions rest with its head of service (000 §2.49)',
    coverage: '',
  },
  {
    name: 'South West Strategic Health Authority',
    sector: 'health',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(f): strategic health authority (000 §1.16)',
    coverage: 'South West region',
  },
  {
    name: 'Kestrelshire Primary Care Trust',
    sector: 'health',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(g): primary care trust (000 §1.16)',
    coverage: '',
  },
  {
    name: 'Connexions Kestrelshire',
    sector: 'connexions',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(h): Connexions service under Learning and Skills Act 2000 s114 (000 §1.16)',
    coverage: '',
  },
  {
    name: 'Learning and Skills Council, Kestrelshire',
    sector: 'learning and skills',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Children Act 2004 s10(4)(i): Learning and Skills Council for England (000 §1.16)',
    coverage: 'Kestrelshire and Northmoor',
  },
  {
    name: 'Jobcentre Plus, Kestrelshire district',
    sector: 'employment',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Relevant partner from 2010 under the Apprenticeships, Skills, Children and Learning Act 2009 (001 §3.2)',
    coverage: 'Kestrelshire and Northmoor',
  },
  {
    name: 'Ashcombe Community College',
    sector: 'school',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Maintained school: relevant partner from 2010 (001 §3.2)',
    coverage: '',
  },
  {
    name: 'Barrowmere College',
    sector: 'college',
    partnerStatus: 'relevant partner',
    statutoryBasis: 'Further education college: relevant partner from 2010 (001 §3.2)',
    coverage: '',
  },
  {
    name: 'Kestrelshire Hospitals NHS Trust',
    sector: 'health',
    partnerStatus: 'other partner',
    statutoryBasis:
      'Not a relevant partner; section 11 duty to safeguard and promote welfare (000 App. 1 §1.2); co-operates under 000 §1.18',
    coverage: 'Kestrelshire and parts of Northmoor',
  },
  {
    name: 'Dunstow Road Surgery',
    sector: 'health',
    partnerStatus: 'other partner',
    statutoryBasis: 'GP practice; engaged through the primary care trust (000 §1.18)',
    coverage: 'Dunstow',
  },
  {
    name: 'Kestrelshire Council for Voluntary Youth Services',
    sector: 'voluntary and community',
    partnerStatus: 'other partner',
    statutoryBasis: 'Voluntary and community sector representative (000 §1.18, §2.60)',
    coverage: '',
  },
  {
    name: 'Eastmoor Family Support',
    sector: 'voluntary and community',
    partnerStatus: 'other partner',
    statutoryBasis: 'Voluntary sector provider (000 §1.18)',
    coverage: 'Eastmoor',
  },
  {
    name: 'Kestrelshire Diocesan Board of Education',
    sector: 'faith',
    partnerStatus: 'other partner',
    statutoryBasis: 'Faith group running schools (000 §1.18)',
    coverage: '',
  },
  {
    name: 'Brightstart Nurseries Ltd',
    sector: 'private',
    partnerStatus: 'other partner',
    statutoryBasis: 'Private childcare provider (000 §1.18)',
    coverage: 'Ashcombe and Barrowmere',
  },
  {
    name: 'Kestrelshire Local Safeguarding Children Board',
    sector: 'other public',
    partnerStatus: 'other partner',
    statutoryBasis: 'Statutory LSCB: co-ordinates safeguarding and is consulted on the plan; keeps its independent voice (000 §2.7-2.10)',
    coverage: '',
  },
];

export interface DemoUser {
  email: string;
  displayName: string;
  jobTitle: string;
  role: Role;
  organisation: string;
  designatedSafeguarding?: boolean;
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'sysadmin@kestrelshire.example',
    displayName: 'Sam Okafor',
    jobTitle: 'Platform administrator',
    role: 'system_admin',
    organisation: LA,
  },
  {
    email: 'area.admin@kestrelshire.example',
    displayName: 'Priya Raman',
    jobTitle: 'Information systems officer',
    role: 'area_admin',
    organisation: LA,
  },
  {
    email: 'board.member@kestrelshire.example',
    displayName: 'Margaret Ellison',
    jobTitle: 'Director of Children’s Services',
    role: 'board_member',
    organisation: LA,
  },
  {
    email: 'planner@kestrelshire.example',
    displayName: 'Tom Achebe',
    jobTitle: 'Head of joint commissioning',
    role: 'planner',
    organisation: 'Kestrelshire Primary Care Trust',
  },
  {
    email: 'health.visitor@kestrelshire.example',
    displayName: 'Aisha Begum',
    jobTitle: 'Health visitor',
    role: 'practitioner',
    organisation: 'Kestrelshire Primary Care Trust',
  },
  {
    email: 'teacher@kestrelshire.example',
    displayName: 'Daniel Price',
    jobTitle: 'Special educational needs co-ordinator',
    role: 'practitioner',
    organisation: 'Ashcombe Community College',
  },
  {
    email: 'social.worker@kestrelshire.example',
    displayName: 'Ruth Calloway',
    jobTitle: 'Social worker, children’s social care',
    role: 'practitioner',
    organisation: LA,
  },
  {
    email: 'yot.officer@kestrelshire.example',
    displayName: 'Lewis Hartley',
    jobTitle: 'Youth Crime Prevention Officer',
    role: 'practitioner',
    organisation: 'Kestrelshire Youth Offending Team',
  },
  {
    email: 'practice.manager@kestrelshire.example',
    displayName: 'Helen Marsh',
    jobTitle: 'Locality team manager, Ashcombe',
    role: 'practice_manager',
    organisation: LA,
    // The demo's safeguarding contact (DEMO_SHIELDED_CONTACT) names her: she approves shielding
    // and sharing without consent, so the demo's two-person journeys can finish.
    designatedSafeguarding: true,
  },
  {
    email: 'auditor@kestrelshire.example',
    displayName: 'Grace Whitfield',
    jobTitle: 'Information governance auditor',
    role: 'auditor',
    organisation: LA,
  },
];
