// The shape of a showcase section: one file per tutorial section under sections/,
// listed in tutorial order in registry.ts.
import type { ShowcaseContext } from './context';

export interface Section {
  /** The tutorial's numbering, e.g. '1.2'. */
  id: string;
  /** The tutorial's heading. */
  title: string;
  run(ctx: ShowcaseContext): void;
}

/** A tutorial section this build cannot show yet, and the numnode API it needs. */
export interface PendingSection {
  id: string;
  title: string;
  /** Paths in the numnode namespace: 'multiply', 'random.rand', 'distance.cdist'. */
  needs: readonly string[];
}
