/** The annual report's URLs (issue 16 item 9): the page, its PDF and CSV, and the JSON. `?year=` chooses the financial year. */
const withYear = (path: string, year?: number | string): string => (year === undefined ? path : `${path}?year=${encodeURIComponent(String(year))}`);

export const reportPaths = {
  annualReport: '/governance/annual-report',
  annualReportPdf: '/governance/annual-report/pdf',
  annualReportCsv: '/governance/annual-report/csv',
  apiAnnualReport: '/api/governance/annual-report',
  annualReportFor: (year: number | string) => withYear('/governance/annual-report', year),
  annualReportPdfFor: (year: number | string) => withYear('/governance/annual-report/pdf', year),
  annualReportCsvFor: (year: number | string) => withYear('/governance/annual-report/csv', year),
};
