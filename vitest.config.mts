import { defineConfig } from 'vitest/config';

// Generous per-test timeouts: CI and the developers' machines have 2 cores, and
// conformance tests that sweep every dtype and layout take seconds there. Speed
// goals live in bench/, never in test timeouts.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
