/**
 * The addresses of a body's business (issue 16 items 4-6): pages under /governance, JSON under
 * /api/governance. Routes, redirects, views and tests use these; ids are uuids, and route patterns pass
 * ':meetingId' and the like.
 */
export const businessPaths = {
  bodyMeetings: (bodyId: string) => `/governance/bodies/${bodyId}/meetings`,
  bodyMeetingNew: (bodyId: string) => `/governance/bodies/${bodyId}/meetings/new`,
  bodyActions: (bodyId: string) => `/governance/bodies/${bodyId}/actions`,
  meeting: (meetingId: string) => `/governance/meetings/${meetingId}`,
  meetingItemNew: (meetingId: string) => `/governance/meetings/${meetingId}/items/new`,
  meetingItem: (meetingId: string, itemId: string) => `/governance/meetings/${meetingId}/items/${itemId}`,
  meetingItemMove: (meetingId: string, itemId: string) => `/governance/meetings/${meetingId}/items/${itemId}/move`,
  meetingItemRemove: (meetingId: string, itemId: string) => `/governance/meetings/${meetingId}/items/${itemId}/remove`,
  meetingItemMinutes: (meetingId: string, itemId: string) => `/governance/meetings/${meetingId}/items/${itemId}/minutes`,
  meetingItemPapers: (meetingId: string, itemId: string) => `/governance/meetings/${meetingId}/items/${itemId}/papers`,
  meetingItemDecisionNew: (meetingId: string, itemId: string) => `/governance/meetings/${meetingId}/items/${itemId}/decisions/new`,
  meetingPaper: (meetingId: string, paperId: string) => `/governance/meetings/${meetingId}/papers/${paperId}`,
  meetingAttendance: (meetingId: string) => `/governance/meetings/${meetingId}/attendance`,
  meetingActionNew: (meetingId: string) => `/governance/meetings/${meetingId}/actions/new`,
  actionStatus: (actionId: string) => `/governance/actions/${actionId}/status`,
  interests: '/governance/interests',
  interestEnd: (interestId: string) => `/governance/interests/${interestId}/end`,
  accountability: '/governance/accountability',
  accountabilityPartner: (organisationId: string) => `/governance/accountability/${organisationId}`,
  commitmentsNew: '/governance/accountability/commitments',
  commitmentNotes: (commitmentId: string) => `/governance/commitments/${commitmentId}/notes`,
};
