/** Chooses the composer from configuration: the model when OPENAI_API_KEY is set, otherwise the offline composer. */
import type { Config } from '../config.js';
import type { ReportType } from '../domain/report-types.js';
import type { Composer } from './draft-events.js';
import { createLlmComposer, modelSettingsFrom } from './llm-composer.js';
import { offlineComposer } from './offline-composer.js';

/**
 * @example selectComposer(parseConfig(process.env), reportTypes).name // 'model' when OPENAI_API_KEY is set
 */
export function selectComposer(config: Config, _reportTypes: Map<string, ReportType>): Composer {
  return config.OPENAI_API_KEY ? createLlmComposer(modelSettingsFrom(config)) : offlineComposer;
}
