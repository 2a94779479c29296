import { eesLayout } from './ees.js';
import { fingertipsLayout } from './fingertips.js';
import { laitLongLayout } from './lait-long.js';
import { longLayout } from './long.js';
import type { ImportFault, PublishedLayout } from './types.js';
import { wideLayout } from './wide.js';

export * from './types.js';

/**
 * The layouts the import knows, most particular first: `chooseLayout` takes the first whose
 * `detect` claims the header, so a publisher's layout (whose column names are its own) comes before
 * our long layout, and the wide layout, which claims any header, comes last. Add a layout here.
 */
export const LAYOUTS: readonly PublishedLayout[] = [laitLongLayout, eesLayout, fingertipsLayout, longLayout, wideLayout];

/** A layout by its name (as recorded on an import), or undefined. */
export const layoutNamed = (name: string): PublishedLayout | undefined => LAYOUTS.find((l) => l.name === name);

/**
 * The layout of a file: the one the caller names (`wanted`), or the first that detects the header.
 * A name no layout has is a fault of the request, on the header's line.
 */
export function chooseLayout(
  names: readonly string[],
  wanted: string | 'auto' = 'auto',
  line = 1,
): { layout: PublishedLayout } | { faults: ImportFault[] } {
  if (wanted !== 'auto') {
    const named = layoutNamed(wanted);
    if (named) return { layout: named };
    return {
      faults: [
        {
          line,
          column: '',
          kind: 'unknown_layout',
          reason: `There is no layout called "${wanted}": the layouts are ${LAYOUTS.map((l) => l.name).join(', ')}`,
        },
      ],
    };
  }
  const found = LAYOUTS.find((l) => l.detect(names)) ?? wideLayout;
  return { layout: found };
}
