/**
 * 汇总 of 30 school reports of about 5 KB each (npm: `npx tsx bench/consolidate.ts`): consolidateReports vs a baseline
 * in the same run — importing the same 30 reports alone, which the consolidation does first. Goal: under 1 s.
 */
import { consolidateReports } from '../src/consolidate/consolidate.js';
import { importReport } from '../src/import/import-report.js';
import { loadReportTypes, phrasesOf } from '../src/domain/report-types.js';
import { readPromptFiles } from '../src/node/prompt-files.js';

const phrases = phrasesOf(loadReportTypes(readPromptFiles()));

/** Our own wording, varied per school so the areas must be matched by meaning, not by equal names. */
const AREAS = [
  ['师资队伍建设', '教师队伍建设', '抓实教师培训，队伍素质不断提高', '教师发展', '强化队伍建设'],
  ['德育工作', '立德树人，德育实效持续增强', '学生德育', '五育并举', '德育为先'],
  ['校园安全', '安全工作', '平安校园建设', '安全管理', '守牢安全底线'],
  ['课堂教学', '教育教学质量', '深化课程改革，教学质量稳中有升', '提高教学质量', '教学工作'],
  ['党建工作', '党的建设', '坚持党建引领，凝聚发展合力', '加强基层党组织建设', '全面从严治党'],
  ['信息化建设', '教育信息化', '智慧校园', '数字校园建设', '信息技术应用'],
];
const FACTS = [
  (n: number) => [`组织教师参加各级培训${80 + n}人次，开展校本研修${10 + (n % 9)}场。`, `评选校级骨干教师${2 + (n % 5)}名，与兄弟学校交流教师${1 + (n % 3)}名。`],
  (n: number) => [`开展主题班会${30 + n}节，组织研学实践活动${1 + (n % 4)}次。`, `评选“美德少年”${10 + n}名，召开家长会${2 + (n % 3)}次。`],
  (n: number) => [`开展应急疏散演练${2 + (n % 4)}次，排查整改隐患${5 + n}处。`, `更换灭火器${20 + n}具，开展安全教育主题活动${4 + (n % 6)}次。`],
  (n: number) => [`开展教研活动${15 + n}次，推门听课${100 + 3 * n}节。`, `组织学生参加县级比赛获奖${10 + n}人次。`],
  (n: number) => [`召开党员大会${6 + (n % 6)}次，开展主题党日活动${8 + (n % 5)}次，发展党员${1 + (n % 2)}名。`],
  (n: number) => [`新建录播教室${1 + (n % 2)}间，更新教师办公电脑${10 + n}台。`],
];

const PROSE = [
  '学校把这项工作列入重要议事日程，主要负责人亲自部署，分管负责人具体抓落实，各处室协同配合，形成了齐抓共管的工作格局。',
  '坚持问题导向，定期梳理工作中的薄弱环节，逐项明确责任人和完成时限，做到件件有着落、事事有回音。',
  '注重过程管理，建立月查、期中评、期末考核的推进机制，及时总结经验、改进不足，确保各项措施落地见效。',
  '结合学校实际制定实施方案，细化任务分工，把工作要求落实到年级、班级和具体岗位，工作的针对性和实效性进一步增强。',
  '加强与家长、社区的沟通联系，主动听取意见建议，争取各方面支持，营造了良好的工作氛围。',
  '及时宣传工作中的好做法、好经验，通过校园网站、公众号等渠道展示工作成效，进一步扩大了学校的社会影响。',
  '对照上级部署逐项开展自查，发现问题立行立改，对一时难以解决的问题制定计划、持续推进。',
];

function report(n: number): string {
  const org = `第${n + 1}小学`;
  const lines = [`${org}2025年上半年工作总结`, `今年以来，${org}坚持立德树人，各项工作稳步推进，现总结如下：`];
  AREAS.forEach((names, i) => {
    lines.push(`${'一二三四五六七八九十'[i]}、${names[n % names.length]}`);
    lines.push(...FACTS[i](n));
    // Words without figures make up the rest, as in a real school's half-year summary of about 5 KB.
    for (let k = 0; k < 5; k++) lines.push(PROSE[(n + i + k) % PROSE.length]);
  });
  lines.push('七、存在的问题', '1.教师结构性缺编问题仍然存在。', `2.${n % 2 ? '校舍维修资金不足' : '课后服务内容较单一'}。`);
  lines.push('八、下半年工作打算', '1.继续加强教师队伍建设。', '2.深化课堂教学改革。', org, '2025年7月5日');
  return lines.join('\n');
}

const reports = Array.from({ length: 30 }, (_, n) => ({ name: `第${n + 1}小学.txt`, text: report(n) }));
const sizes = reports.map((r) => new TextEncoder().encode(r.text).length);

function time(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

importReport(reports[0].text); // builds the t2s dictionaries once, outside both timings
const coldStart = performance.now();
const result = consolidateReports(reports, { phrases, org: '某某县教育局' });
const cold = performance.now() - coldStart;
const runs = 15;
const base = time(() => reports.map((r) => importReport(r.text)), runs);
const full = time(() => consolidateReports(reports, { phrases, org: '某某县教育局' }), runs);
console.log(`input: ${reports.length} reports, ${(Math.min(...sizes) / 1024).toFixed(1)}–${(Math.max(...sizes) / 1024).toFixed(1)} KB each, ${(sizes.reduce((a, b) => a + b) / 1024).toFixed(0)} KB in all`);
console.log(`result: ${result.facts.sections.length} areas, ${result.facts.derived?.length ?? 0} sums offered, ${result.warnings.length} warnings, valid ${result.valid}`);
console.log(`first consolidation: ${cold.toFixed(1)} ms`);
console.log(`baseline, importing the 30 alone: ${base.toFixed(1)} ms (median of ${runs})`);
console.log(`consolidateReports: ${full.toFixed(1)} ms (median of ${runs}; ${(full / base).toFixed(2)}× baseline) — goal < 1000 ms`);
