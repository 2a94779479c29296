import type { PartnerInput } from '../partnership/index.js';
import type { Role } from '../platform/policy.js';

/**
 * The demo local area: a made-up two-tier county with ONS-style codes, its partners as the 2005
 * guidance lists them (000 §1.16, §1.18) with the duties as the law stood (2010 additions dated) and
 * a user for every role.
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
  {
    name: 'acute/specialist',
    description: 'In crisis or at risk of harm: children’s social care leads',
    nationalLevel: 'acute/specialist',
  },
];

export const DEMO_SHIELDED_CONTACT = 'Helen Marsh, designated safeguarding lead, Kestrelshire County Council, 01632 960 100';

export const DEMO_DISTRICTS = [
  { code: 'E07000901', name: 'Ashcombe' },
  { code: 'E07000902', name: 'Barrowmere' },
  { code: 'E07000903', name: 'Caddon Vale' },
  { code: 'E07000904', name: 'Dunstow' },
  { code: 'E07000905', name: 'Eastmoor' },
] as const;

/** A demo partner, registered through the partnership service like any area's (issue 13). */
export interface DemoOrganisation extends PartnerInput {
  name: string;
  sector: string;
  dutyCode: string;
}

const LA = 'Kestrelshire County Council';
const FORCE_AREA = 'Kestrelshire and Northmoor force area';
/** 000 §2.60 note 10: bodies brought in without the duty are there by the area's decision. */
const NO_DUTY_BEFORE_2010 = 'under no duty to co-operate before April 2010'; // 000 §2.60 note 10; 004 para 130

/**
 * Children Act 2004 s10(4) as enacted, (a) to (g) (000 §1.16), with the 2010 additions dated in
 * statutory_duty (migration 0013). The LSCB is not here: it is a distinct body with its own
 * membership, not a partner of the trust (000 §2.9).
 */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { name: LA, organisationType: 'County council (children’s services authority)', sector: 'local authority', dutyCode: 's10-1' },
  ...DEMO_DISTRICTS.map((d) => ({
    name: `${d.name} District Council`,
    organisationType: 'District council',
    sector: 'district council',
    dutyCode: 's10-4-a',
    coverageKind: 'some districts',
    districtCodes: [d.code],
  })),
  {
    name: 'Kestrelshire Police Authority',
    organisationType: 'Police authority',
    sector: 'police',
    dutyCode: 's10-4-b',
    coverageKind: 'beyond the area',
    coverage: FORCE_AREA,
  },
  {
    name: 'Kestrelshire Constabulary (Chief Constable)',
    organisationType: 'Chief officer of police',
    sector: 'police',
    dutyCode: 's10-4-b-chief',
    coverageKind: 'beyond the area',
    coverage: FORCE_AREA,
  },
  {
    name: 'Kestrelshire and Northmoor Probation Board',
    organisationType: 'Local probation board',
    sector: 'probation',
    dutyCode: 's10-4-c',
    coverageKind: 'beyond the area',
    coverage: 'Kestrelshire and Northmoor',
  },
  {
    name: 'Kestrelshire Youth Offending Team',
    organisationType: 'Youth offending team',
    sector: 'youth offending',
    dutyCode: 's10-4-d',
    inclusionReason: 'Joint commissioning and pooling decisions rest with the YOT head of service', // 000 §2.51
  },
  {
    name: 'South West Strategic Health Authority',
    organisationType: 'Strategic Health Authority',
    sector: 'health',
    dutyCode: 's10-4-e',
    coverageKind: 'beyond the area',
    coverage: 'South West region',
  },
  { name: 'Kestrelshire Primary Care Trust', organisationType: 'Primary Care Trust', sector: 'health', dutyCode: 's10-4-e' },
  {
    name: 'Connexions Kestrelshire',
    organisationType: 'Connexions partnership (Learning and Skills Act 2000 s114)',
    sector: 'connexions',
    dutyCode: 's10-4-f',
  },
  {
    name: 'Learning and Skills Council, Kestrelshire',
    organisationType: 'Local Learning and Skills Council',
    sector: 'learning and skills',
    dutyCode: 's10-4-g',
    coverageKind: 'beyond the area',
    coverage: 'Kestrelshire and Northmoor',
  },
  {
    name: 'Jobcentre Plus, Kestrelshire district',
    organisationType: 'Jobcentre Plus district',
    sector: 'employment',
    dutyCode: 's10-4-fe',
    inclusionReason: `Delivers front-line statutory services to young people and families; ${NO_DUTY_BEFORE_2010}`, // 000 §1.18, §2.60
    coverageKind: 'beyond the area',
    coverage: 'Kestrelshire and Northmoor',
  },
  {
    name: 'Ashcombe Community College',
    organisationType: 'Maintained secondary school',
    sector: 'school',
    dutyCode: 's10-4-fa',
    inclusionReason: `Schools are central to the arrangements; ${NO_DUTY_BEFORE_2010}`, // 000 §1.19, §2.60
    coverageKind: 'some districts',
    districtCodes: ['E07000901'],
  },
  {
    name: 'Barrowmere College',
    organisationType: 'Further education college',
    sector: 'college',
    dutyCode: 's10-4-fd',
    inclusionReason: `Colleges deliver front-line services to young people; ${NO_DUTY_BEFORE_2010}`, // 000 §1.18, §2.60
    coverageKind: 'some districts',
    districtCodes: ['E07000902'],
  },
  {
    name: 'Kestrelshire Hospitals NHS Trust',
    organisationType: 'NHS trust',
    sector: 'health',
    dutyCode: 's11',
    inclusionReason: 'Provides children’s hospital services; not a relevant partner, under the section 11 duty', // 000 App. 1 §1.2; 000 §1.18
    coverageKind: 'beyond the area',
    coverage: 'Kestrelshire and parts of Northmoor',
  },
  {
    name: 'Dunstow Road Surgery',
    organisationType: 'GP practice',
    sector: 'health',
    dutyCode: 'none',
    inclusionReason: 'General practice, engaged directly as well as through the primary care trust', // 000 §1.18, §2.60
    coverageKind: 'some districts',
    districtCodes: ['E07000904'],
  },
  {
    name: 'Kestrelshire Council for Voluntary Youth Services',
    organisationType: 'Voluntary sector umbrella body',
    sector: 'voluntary and community',
    dutyCode: 'none',
    inclusionReason: 'Represents the voluntary and community sector and reports back to it', // 000 §1.18, §2.60
  },
  {
    name: 'Eastmoor Family Support',
    organisationType: 'Voluntary sector provider',
    sector: 'voluntary and community',
    dutyCode: 'none',
    inclusionReason: 'Provides family support commissioned by the trust', // 000 §1.18
    coverageKind: 'some districts',
    districtCodes: ['E07000905'],
  },
  {
    name: 'Kestrelshire Diocesan Board of Education',
    organisationType: 'Diocesan board of education',
    sector: 'faith',
    dutyCode: 'none',
    inclusionReason: 'Faith group running church schools', // 000 §1.18, §2.60
  },
  {
    name: 'Brightstart Nurseries Ltd',
    organisationType: 'Private childcare provider',
    sector: 'private',
    dutyCode: 'none',
    inclusionReason: 'Childcare provider in the private sector', // 000 §1.18, §2.60
    coverageKind: 'some districts',
    districtCodes: ['E07000901', 'E07000902'],
  },
];

/** Made by earlier versions of the demo; not a partner of the trust (000 §2.9), so loading the demo again removes or closes it. */
export const DEMO_FORMER_ORGANISATIONS = ['Kestrelshire Local Safeguarding Children Board'] as const;

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
    // Provider staff (issue 17): keeps the directory entries of Eastmoor Family Support's services, and no one else's.
    email: 'family.support@kestrelshire.example',
    displayName: 'Priya Okafor',
    jobTitle: 'Family support worker and services lead',
    role: 'practitioner',
    organisation: 'Eastmoor Family Support',
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
    // The LSCB's independent chair (000 §2.7-2.10): a board member by role, whose LSCB business the trust's
    // board members and the area administrator do not see (ADR 0022).
    email: 'lscb.chair@kestrelshire.example',
    displayName: 'Alan Whitcombe',
    jobTitle: 'Independent chair, Kestrelshire Safeguarding Children Board',
    role: 'board_member',
    organisation: LA,
  },
  {
    email: 'auditor@kestrelshire.example',
    displayName: 'Grace Whitfield',
    jobTitle: 'Information governance auditor',
    role: 'auditor',
    organisation: LA,
  },
];
