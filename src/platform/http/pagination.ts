/** GOV.UK pagination for any page of results: the children's search and merges, the audit trail. */

export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/**
 * The govukPagination component's parameters, or undefined for a single page. GOV.UK's pattern:
 * previous and next, the first and last pages, the current page with one either side, and an
 * ellipsis for each gap.
 */
export function paginationOf(
  page: number,
  lastPage: number,
  href: (n: number) => string,
): { previous?: { href: string }; next?: { href: string }; items: PaginationItem[] } | undefined {
  if (lastPage <= 1) return undefined;
  const shown = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((n) => n >= 1 && n <= lastPage).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - (shown[i - 1] ?? n) > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  }
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < lastPage ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}
