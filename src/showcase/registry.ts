// The showcase in tutorial order: every section of the tutorial, one file each
// under sections/.
import type { Section } from './section';
import { listsVsArrays } from './sections/lists-vs-arrays';
import { listMultiply } from './sections/list-multiply';
import { arrayInternals } from './sections/array-internals';
import { exerciseStrides } from './sections/exercise-strides';
import { viewsVsCopies } from './sections/views-vs-copies';
import { contiguity } from './sections/contiguity';
import { arrayCreation } from './sections/array-creation';
import { dtypesMemory } from './sections/dtypes-memory';
import { exercise2Dtypes } from './sections/exercise2-dtypes';
import { newaxisAndShapes } from './sections/newaxis-and-shapes';
import { broadcastingArithmetic } from './sections/broadcasting-arithmetic';
import { pairwiseDifferences } from './sections/pairwise-differences';
import { vectorisation } from './sections/vectorisation';
import { exercise4 } from './sections/exercise4';
import { distanceMatrix } from './sections/distance-matrix';
import { einsumExamples } from './sections/einsum-examples';
import { profiling } from './sections/profiling';
import { showConfig } from './sections/show-config';
import { threads } from './sections/threads';
import { memoryProfiling } from './sections/memory-profiling';
import { exercise5 } from './sections/exercise5';
import { chunkedDistance } from './sections/chunked-distance';
import { dtypeImpact } from './sections/dtype-impact';
import { finalShowcase } from './sections/final-showcase';
import { recommender } from './sections/recommender';

export const SECTIONS: readonly Section[] = [
  listsVsArrays,
  listMultiply,
  arrayInternals,
  exerciseStrides,
  viewsVsCopies,
  contiguity,
  arrayCreation,
  dtypesMemory,
  exercise2Dtypes,
  newaxisAndShapes,
  broadcastingArithmetic,
  pairwiseDifferences,
  vectorisation,
  exercise4,
  distanceMatrix,
  einsumExamples,
  profiling,
  showConfig,
  threads,
  memoryProfiling,
  exercise5,
  chunkedDistance,
  dtypeImpact,
  finalShowcase,
  recommender,
];
