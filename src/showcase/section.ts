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

