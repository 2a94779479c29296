/**
 * A bounded report of the faults of an import. A file of 50,000 faulty rows used to come back as
 * every fault rendered (45 MB of HTML, 24 s of the service busy templating it): a person reads the
 * first few of each kind and the counts, and the full list goes to a file they can sort (the
 * command line's --errors CSV). So every import page, API answer and screen shows at most
 * FAULTS_SHOWN_PER_KIND faults of each kind, how many more there are of that kind, and the total.
 */

export const FAULTS_SHOWN_PER_KIND = 20;

export interface FaultKindSummary<T, K extends string = string> {
  /** A stable code naming the kind of fault (`unknown_indicator`, `required`...). */
  kind: K;
  /** How many faults of this kind the file has. */
  count: number;
  /** The first faults of this kind, in the order they were found. */
  shown: T[];
  /** count - shown.length: "and N more of this kind". */
  more: number;
}

export interface FaultSummary<T, K extends string = string> {
  total: number;
  /** Kinds in the order their first fault was found. */
  kinds: FaultKindSummary<T, K>[];
}

/**
 * Counts faults by kind, keeping only the first `perKind` of each: memory and the size of what is
 * shown stay bounded however many faults are added. One pass, constant work per fault.
 */
export class FaultTally<T, K extends string = string> {
  private readonly byKind = new Map<K, FaultKindSummary<T, K>>();
  private count = 0;

  constructor(private readonly perKind = FAULTS_SHOWN_PER_KIND) {}

  add(kind: K, fault: T): void {
    this.count += 1;
    let entry = this.byKind.get(kind);
    if (!entry) {
      entry = { kind, count: 0, shown: [], more: 0 };
      this.byKind.set(kind, entry);
    }
    entry.count += 1;
    if (entry.shown.length < this.perKind) entry.shown.push(fault);
    else entry.more += 1;
  }

  get total(): number {
    return this.count;
  }

  summary(): FaultSummary<T, K> {
    return { total: this.count, kinds: [...this.byKind.values()].map((k) => ({ ...k, shown: [...k.shown] })) };
  }
}

/** The summary of a list of faults, each of whose kind `kindOf` names. */
export function summariseFaults<T, K extends string>(
  faults: Iterable<T>,
  kindOf: (fault: T) => K,
  perKind = FAULTS_SHOWN_PER_KIND,
): FaultSummary<T, K> {
  const tally = new FaultTally<T, K>(perKind);
  for (const fault of faults) tally.add(kindOf(fault), fault);
  return tally.summary();
}

/** Every fault the summary shows, in one list (for a table of faults by place). */
export function shownFaults<T, K extends string>(summary: FaultSummary<T, K>): T[] {
  return summary.kinds.flatMap((k) => k.shown);
}
