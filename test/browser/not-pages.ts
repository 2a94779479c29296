/**
 * GET routes outside the JSON API that answer with something other than an HTML page, so have
 * nothing for axe to scan. Every other page route must be scanned in this file.
 */
export const NOT_PAGES: Record<string, string> = {
  '/healthz': 'a JSON readiness probe for the load balancer',
  '/livez': 'a JSON liveness probe for the load balancer',
  '/outcomes/indicators/:indicatorCode/charts/:chart/:format': 'a chart as an image or CSV file, shown inside the indicator page (scanned)',
  '/outcomes/import/template.csv': 'a CSV file download: the import template, offered on the import page (scanned)',
  '/commissioning/contracts/:contractId/returns/template.csv': 'a CSV file download: a contract’s returns template, offered on the upload page (scanned)',
  '/assessments/:id/export': 'a JSON file download of the portable assessment',
  '/assessments/:id/family-copy': 'a PDF: the family’s copy of an assessment, linked from the assessment page (scanned)',
  '/assessments/:id/attachments/:attachmentId': 'a file attached to an assessment, always a download (its list is scanned)',
  '/admin/assessment-forms/:id/export': 'a JSON file download of a form definition',
  '/audit/export.csv': 'a CSV file download of the filtered audit trail, offered on the audit trail page (scanned)',
  '/branding/:areaCode/logo': 'the area’s logo, an image shown in the header of every page',
  '/governance/meetings/:meetingId/papers/:paperId': 'a paper of a meeting, always a download (its item page is scanned)',
  '/plan/:planId/reviews/:year/review.pdf': 'a PDF: a plan’s annual review, linked from its page (scanned)',
  '/our-plan/:areaCode/review/:year/review.pdf': 'a PDF: the public’s copy of a published annual review, linked from its page (scanned)',
  '/governance/annual-report/pdf': 'a PDF: the annual report of partnership activity, linked from its page (scanned)',
  '/governance/annual-report/csv': 'a CSV file download of the annual report’s figures, linked from its page (scanned)',
  '/commissioning/resource-map/csv': 'a CSV file download of the resource map, linked from its page (scanned)',
  '/commissioning/resource-map/published-figures/csv': 'a CSV file download of the published figures’ shapes, linked from their page (scanned)',
  '/commissioning/funds/:fundId/statement.csv': 'a CSV file download of a fund’s statement, linked from its statement page (scanned)',
  // The public's printable plan (issue 18 item 6): PDFs linked from the public pages (scanned).
  '/our-plan/:areaCode/plan.pdf': 'a PDF: the published plan, linked from its public page (scanned)',
  '/our-plan/:areaCode/young-people.pdf': 'a PDF: the summary for children and young people, linked from its public page (scanned)',
  '/our-plan/:areaCode/languages/:language/plan.pdf': 'a PDF: a translation in a Latin-script language, linked from its public page (scanned)',
  '/plan/consultations/:consultationId/responses/:responseId/file': 'a consultation response’s uploaded file, always a download (its response page is scanned)',
};
