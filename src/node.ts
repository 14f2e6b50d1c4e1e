/** Node entry: `npm start` serves the app on 127.0.0.1:PORT with the lowdb JSON file and the configured composer. */
import { serve } from '@hono/node-server';
import { ConfigError, parseConfig } from './config.js';
import { loadReportTypes } from './domain/report-types.js';
import { createApp } from './http/app.js';
import { buildParts } from './parts.js';
import { widgetHash, widgetScript } from './generated/widget-bundle.js';
import { DataFileError, resolveDataFile } from './node/data-file.js';
import { JournaledDataFile } from './node/journaled-data-file.js';
import { lockDataFile } from './node/lock.js';
import { readPromptFiles } from './node/prompt-files.js';
import { createLowStore } from './store/store.js';
import { expiryCutoff } from './store/retention.js';

async function main() {
  const config = parseConfig(process.env);
  const reportTypes = loadReportTypes(readPromptFiles());
  // The real file behind any symlink: the lock, the journal and the rewrite all sit beside it.
  const file = resolveDataFile(config.DATA_FILE);
  const release = await lockDataFile(file, {
    // Another server took the file over (possible only if this one stalled past the lease): stop before writing.
    onLost: (message) => {
      console.error(message);
      process.exit(1);
    },
  });
  process.on('exit', release);
  const dataFile = new JournaledDataFile(file, { maxBytes: config.DATA_MAX_MB * 1024 * 1024 });
  const store = await createLowStore(dataFile);
  // Retention: sessions unused for SESSION_TTL_DAYS go (with their drafts), and tool drafts unchanged for
  // DRAFT_RETENTION_DAYS, at start and every hour.
  const sweep = async () => {
    try {
      const now = new Date();
      const removed = await store.removeSessionsBefore!(expiryCutoff(now, config.SESSION_TTL_DAYS));
      const drafts = await store.removeToolDraftsBefore!(expiryCutoff(now, config.DRAFT_RETENTION_DAYS));
      if (removed || drafts) process.stdout.write(`${JSON.stringify({ time: now.toISOString(), event: 'records-expired', sessions: removed, drafts })}\n`);
    } catch (error) {
      console.error(`清理过期数据失败：${(error as Error).message}`);
    }
  };
  await sweep();
  setInterval(sweep, 60 * 60 * 1000).unref();
  const host = config.HOST;
  const app = createApp({
    ...buildParts(config, reportTypes),
    store,
    widget: { script: widgetScript, hash: widgetHash },
    // The Host check (DNS rebinding) also lets the bound address through when it is a name.
    serverHost: host,
    log: (line) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`),
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: host }, (info) => {
    const composer = config.OPENAI_API_KEY ? `模型 ${config.OPENAI_MODEL}` : '离线起草（未配置模型）';
    console.log(`公文起草助手已启动：http://${host}:${info.port}  · ${composer} · 数据文件 ${config.DATA_FILE}`);
    // Listening on every address, people may come by a name: it is refused (DNS rebinding) until configured.
    if (['0.0.0.0', '::'].includes(host) && !config.ALLOWED_HOSTS.length && !config.PUBLIC_ORIGIN) {
      console.log('提示：按 IP 地址和 localhost 访问可直接使用；要用域名访问，请在 ALLOWED_HOSTS 或 PUBLIC_ORIGIN 中写明该域名。');
    }
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
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE' ? `端口 ${config.PORT} 已被占用，请用 PORT 指定其他端口` : `启动失败：${error.message}`);
    release();
    process.exit(1);
  });
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof DataFileError || error?.name === 'ReportTypeError') {
    console.error(error.message);
  } else if (error?.code === 'ENOSPC' || error?.code === 'EDQUOT') {
    // Even the lock file (a few bytes) could not be written: say what to do, not the system's English.
    console.error(`启动失败：数据文件所在的磁盘已满（${error.path ?? '数据目录'}），请腾出空间后再启动（数据不会丢失）`);
  } else {
    console.error(`启动失败：${error?.message ?? error}`);
  }
  process.exit(1);
});
