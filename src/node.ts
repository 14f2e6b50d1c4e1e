/** Node entry: `npm start` serves the app on 127.0.0.1:PORT with the lowdb JSON file and the configured composer. */
import { serve } from '@hono/node-server';
import { selectComposer } from './compose/select-composer.js';
import { createModelAnswerParser } from './compose/llm-answer-parser.js';
import { modelSettingsFrom } from './compose/llm-composer.js';
import { ConfigError, parseConfig } from './config.js';
import { loadReportTypes } from './domain/report-types.js';
import { createApp } from './http/app.js';
import { widgetHash, widgetScript } from './generated/widget-bundle.js';
import { checkDataFile, DataFileError, lockDataFile } from './node/data-file.js';
import { JournaledDataFile } from './node/journaled-data-file.js';
import { readPromptFiles } from './node/prompt-files.js';
import { createLowStore } from './store/store.js';
import { expiryCutoff } from './store/retention.js';

async function main() {
  const config = parseConfig(process.env);
  const reportTypes = loadReportTypes(readPromptFiles());
  checkDataFile(config.DATA_FILE);
  const release = lockDataFile(config.DATA_FILE);
  const dataFile = new JournaledDataFile(config.DATA_FILE);
  const store = await createLowStore(dataFile);
  // Retention: sessions unused for SESSION_TTL_DAYS go (with their drafts) at start and every hour.
  const sweep = async () => {
    try {
      const removed = await store.removeSessionsBefore!(expiryCutoff(new Date(), config.SESSION_TTL_DAYS));
      if (removed) process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event: 'sessions-expired', removed })}\n`);
    } catch (error) {
      console.error(`清理过期会话失败：${(error as Error).message}`);
    }
  };
  await sweep();
  setInterval(sweep, 60 * 60 * 1000).unref();
  const app = createApp({
    store,
    reportTypes,
    composer: selectComposer(config, reportTypes),
    // With a model configured, free-text answers are parsed by it first; the offline parser stays the fallback.
    ...(config.OPENAI_API_KEY ? { answerParser: createModelAnswerParser(modelSettingsFrom(config)) } : {}),
    config,
    widget: { script: widgetScript, hash: widgetHash },
    log: (line) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`),
  });
  const host = process.env.HOST ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: host }, (info) => {
    const composer = config.OPENAI_API_KEY ? `模型 ${config.OPENAI_MODEL}` : '离线起草（未配置模型）';
    console.log(`公文起草助手已启动：http://${host}:${info.port}  · ${composer} · 数据文件 ${config.DATA_FILE}`);
  });
  const stop = async () => {
    server.close();
    // Leave the data file current for whoever reads it next (the journal would be replayed at start anyway).
    await Promise.race([dataFile.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    release();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', release);
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `端口 ${config.PORT} 已被占用，请用 PORT 指定其他端口` : `启动失败：${error.message}`);
    release();
    process.exit(1);
  });
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataFileError || error?.name === 'ReportTypeError') {
    console.error(error.message);
  } else {
    console.error(`启动失败：${error?.message ?? error}`);
  }
  process.exit(1);
});
