/**
 * Global setup for the workers project (runs in Node, outside workerd): a scripted OpenAI-compatible server on
 * 127.0.0.1 answering the dialogue's model answer parser, so a Worker in workerd can be configured with a model
 * and reach a real HTTP server. Its address is provided to tests as `modelBaseURL`.
 */
import type { TestProject } from 'vitest/node';
import { startFakeOpenAI } from '../helpers/fake-openai-server.js';

/** What a good model returns for the answers test/workers/model-answers.test.ts sends, by the field asked. */
const answers: Record<string, unknown> = {
  org: { org: '青河区教育局' },
  period: { period: '2025年' },
  // The offline parser keeps 党建和德育 as one area (它不拆“和”); a model splits it: the split shows who parsed.
  sections: { topics: ['党建', '德育'] },
  // Every list carries one item with a figure nobody typed: the Worker must drop it, as Node does.
  'sections[0].facts': { facts: ['发展党员12名', '另据统计培训７７７７人次'] },
};

export default async function setup(project: TestProject) {
  const server = await startFakeOpenAI((request) => {
    const field = request.user.match(/填写字段 ([^）)]+)[）)]/)?.[1] ?? '';
    const content = JSON.stringify(answers[field] ?? {});
    return { json: { id: 'c1', object: 'chat.completion', created: 1, model: 'fake', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] } };
  });
  project.provide('modelBaseURL', server.baseURL);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    modelBaseURL: string;
  }
}
