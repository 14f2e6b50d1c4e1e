/** A valid fact sheet for hardening tests, from data/examples (a JSON import: runs in workerd too). */
import annual from '../../data/examples/annual-summary.json';

export const exampleFacts = (): Record<string, unknown> => structuredClone(annual) as Record<string, unknown>;
