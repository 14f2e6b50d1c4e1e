/** Cleans pasted report text: entities, traditional characters, pinyin readings, web boilerplate, full-width digits; splits multi-report files. Pure. */
import { ConverterFactory } from 'opencc-js/core';
// Only the traditional → simplified dictionaries (≈47 KB), not opencc-js's 1.2 MB full bundle, to keep the Worker
// small. OpenCC's t2s (not tw2s: its Taiwan variants turn mainland 显著 into 显着, and mainland-style traditional text
// is what people paste here).
import compatibilityIdeographs from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import tsPhrases from 'opencc-js/dict/TSPhrases';

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

/** Built on first use: building the tries costs tens of ms, which a Worker should not pay at startup. */
function simplify(text: string): string {
  if (!toSimplified) {
    const normalise = ConverterFactory([compatibilityIdeographs]);
    const convert = ConverterFactory([tsPhrases, tsCharacters]);
    toSimplified = (s) => convert(normalise(s));
  }
  return toSimplified(text);
}

/** Tone-marked pinyin syllable: latin letters with at least one tone mark (plain latin such as (A) or (试行) stays). */
const TONE = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const SYLLABLE = `[a-zü]*[${TONE}][a-zü${TONE}]*`;
/** `總結(jié)`, `统（tǒng）`, `教育(jiào yù)`: a reading in half- or full-width parentheses right after a Han character. */
// Later syllables may be toneless (地方 dì fang): only the first must carry a tone mark.
const PINYIN_READING = new RegExp(`(?<=[\\u3400-\\u9fff])\\s?[(（]\\s*${SYLLABLE}(?:[\\s'’·-]+(?:${SYLLABLE}|[a-zü]{1,6})){0,6}\\s*[)）]`, 'giu');

const ENTITIES: Record<string, string> = { nbsp: ' ', ensp: ' ', emsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', hellip: '…', mdash: '—', middot: '·' };

/** HTML entities and their broken remnants (`&nbs` at a line end with `p;` on the next line, a bare `nbsp;`). */
function decodeEntities(text: string): string {
  return text
    // An entity the page broke across a line (`&nbs` + newline + `p;`) is mended first.
    .replace(/&([a-z]{0,6})\n\s*([a-z]{0,6};)/gi, (m, a: string, b: string) => (ENTITIES[(a + b).slice(0, -1).toLowerCase()] ? `&${a}${b}` : m))
    .replace(/&#(\d{1,6});/g, (_, n: string) => safeChar(Number(n)))
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, n: string) => safeChar(parseInt(n, 16)))
    .replace(/&([a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
    .replace(/&nbsp?;?|(?<![a-z])nbsp;/gi, ' ');
}

function safeChar(code: number): string {
  return code > 0 && code < 0x110000 && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '';
}

/** Full-width digits (and the point or percent between them) → half-width: GB/T 15835 writes figures in Arabic numerals. */
function halfWidthDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/(?<=\d)．(?=\d)/g, '.')
    .replace(/(?<=\d)％/g, '%');
}

/**
 * Lines that are the web page around the report, not the report: navigation, source/time/click meta lines,
 * "read more" and "choose this sample" blurbs, previous/next links, site names, ads.
 */
const BOILERPLATE: RegExp[] = [
  /^(?:返回首页|返回顶部|返回列表|返回目录|首页|搜索|站内搜索|登录|注册|登录\s*\|?\s*注册|收藏|打印|打印本页|关闭|关闭窗口|分享|分享到.*|相关推荐|相关文章|相关阅读|热门文章|热门推荐|猜你喜欢|推荐阅读|精彩推荐|最新文章|目录|展开全文|全文阅读|阅读全文|举报|纠错|复制链接|扫一扫.*|广告)$/,
  /^(?:当前位置|您的位置|你的位置|所在位置|广告|推广|赞助)[:：]/,
  /^(?:首页|主页)\s*[>»›/＞]/,
  /^(?:本文选自|本文来自|本文来源|本文由|本文链接|文章来源|原文链接|原文地址|转载请|版权声明|免责声明|版权所有|Copyright|©)/i,
  /^(?:查看更多|更多精彩|更多相关|更多内容|阅读更多|点击查看|点击下载|立即下载|下载本文|下载文档|免费下载)/,
  /^(?:来源|出处|点击|点击数|点击量|浏览|浏览量|浏览次数|阅读|阅读量|阅读次数|作者|编辑|责任编辑|责编|审核|审校|校对|初审|复审|终审|排版|美编|摄影|图片|供稿|通讯员|发布者|发布人|发布时间|发布日期|更新时间|更新日期|时间|日期|字号|导语|导读|摘要|关键词|标签|栏目|分类)\s*[:：].{0,80}$/,
  /^(?:上一篇|下一篇|上一页|下一页|上篇|下篇|前一篇|后一篇)(?:[:：].*)?$/,
  /(?:小编|本站|网友上传|不代表本站|咨询客服|原创文章|感谢您的(?:阅读|参阅|浏览)|欢迎(?:阅读|参考|借鉴|分享|收藏)|仅供参考|希望(?:对|能)(?:您|你|大家)有所?帮助|加微信|扫码|VIP|会员专享|开通会员)/i,
  /^(?:www\.|https?:\/\/)\S*$/i,

  /设为首页|加入收藏|收藏本站|联系我们|关于我们|网站地图|投稿须知/,
  /^(?:相关推荐|相关文章|相关阅读|热门文章|热门推荐|推荐阅读|猜你喜欢|延伸阅读|精彩专题|热门标签)[:：]/,
  // a date (and time) then meta labels: "2012-08-13 来源:… 点击:"
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:(?:来源|出处|点击|浏览|阅读|作者|编辑|发布|字号)[^，。]{0,30})?$/,
  /^\d{4}年\d{1,2}月\d{1,2}日(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|出处|点击|浏览|阅读|作者|编辑|发布|字号)[^，。]{0,30}$/,
  // a site's slogan: "演讲稿写作网，原创写作、专注精品。"
  /^[^\s，。；]{2,12}(?:网|站|文库)[，,、\s—\-]+[^。]{0,24}(?:原创|专注|精品|专业|写作|服务|顾问|首选|分享|下载)[^。]{0,16}。?$/,
  /^[^\s，。；：,.;:]{2,16}(?:网|范文网|文库|资料网|学习网|站)$/,
  /^\S{0,20}\|\s*\S{0,20}(?:\|\s*\S{0,20})+$/, // "首页 | 范文 | 总结" navigation bars
  // A government site's footer: who runs it, where, its registration numbers.
  /^(?:主办单位|承办单位|协办单位|主办|承办|维护单位|运维单位|运行维护|技术支持|网站标识码|网站标识|备案号|联系电话|联系方式|联系地址|地址|邮编|邮政编码|传真|电子邮箱|E-?mail)\s*[:：]/i,
  /ICP备|ICP证|公网安备|网站标识码|政府网站找错|建议使用\S*浏览器|最佳分辨率/i,
  /^[【\[]?(?:相关链接|友情链接|网站链接|政府网站|部门网站|县区网站|市县网站)[】\]：:]?(?:\s|$)/,
  // A WeChat article's header and tail: 原创 城关教育 城关教育发布 2026年01月09日 18:30 浙江, 点击蓝字 关注我们, END.
  /^原创\s+\S/,
  /^.{0,40}\d{4}\s*(?:年|[-/.])\s*\d{1,2}\s*(?:月|[-/.])\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}(?:\s+[\u4e00-\u9fff]{2,4})?$/,
  /^(?:点击(?:上方)?(?:蓝字|关注)|关注我们|长按(?:识别)?(?:二维码|关注)|(?:点个?)?在看|点赞|往期推荐|往期回顾|往期精彩|精彩回顾|END|-\s*END\s*-|THE END)/i,
  /^[▶►▷➤☞👉]/u,
];

/** A page's buttons in brackets, side by side: 【字体：大 中 小】 【打印本页】 【关闭窗口】 (never our 【待补充：…】). */
const BUTTON_WORD = /^(?:字体|字号|打印|关闭|收藏|分享|返回|纠错|保存|放大|缩小|繁体|简体|繁|简|朗读|二维码|手机|微信|微博|复制|下载|视力|阅读|默认|大|中|小)/;
function isButtonRow(text: string): boolean {
  const buttons = text.match(/[【\[][^】\]]{1,16}[】\]]/g);
  if (!buttons || text.replace(/[【\[][^】\]]{1,16}[】\]]|\s/g, '') !== '') return false;
  return buttons.every((b) => BUTTON_WORD.test(b.slice(1, -1).trim()));
}

/** A navigation bar by shape: four or more short words side by side, no punctuation (返回首页 关于我们 范文动态 …). */
const NAV_BAR = /^(?:[\u4e00-\u9fff]{2,6}\s+){3,}[\u4e00-\u9fff]{2,6}$/;

/**
 * A menu of links between bars, spaces around them or not (首页 | 范文大全 | 工作总结 | 演讲稿): three or more short
 * entries with no figure and no sentence punctuation — a table row written without outer bars has a figure or a 。.
 */
function isPipedMenu(text: string): boolean {
  const entries = text.split(/\s*[|｜]\s*/);
  return entries.length >= 3 && entries.every((e) => e.length >= 1 && e.length <= 20 && !/[\d０-９，。；：,;]/.test(e));
}

/** A line that is site chrome rather than report text. */
export function isBoilerplate(line: string): boolean {
  const text = line.trim();
  if (!text) return false;
  if (text.length > 160) return false; // a real paragraph, even if it mentions 来源
  if (/^\|.*\|$/.test(text)) return false; // a table row, not a navigation bar
  return NAV_BAR.test(text) || isPipedMenu(text) || isButtonRow(text) || BOILERPLATE.some((re) => re.test(text)) || (SITE_ADDRESS.test(text) && !LOOKS_NUMBERED.test(text) && !/\.(?:gov|edu)\.cn/i.test(text));
}

/** A site's name with its address on a line of its own: "范文吧 www.fanwenba8.com" (a heading with a domain glued on is cut instead). */
const SITE_ADDRESS = /^[^\s，。；：、]{1,12}\s*[-—|:：]?\s*(?:https?:\/\/)?(?:www\w?\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|cc|top|info|vip)(?:\/\S*)?$/i;

/** What a page glues to the end of a report line: "本文选自……", "转载请注明出处". */
const GLUED_TAIL = /(?:本文(?:选自|来自|来源|出自|由)|转载请注明(?:出处|来源)?|转载自|原创首发|文章来源)[^。，；]*$/;
/** A site's domain glued to the end of a heading (not a government or school site a report may cite). */
const GLUED_DOMAIN = /\s*(?:https?:\/\/)?(?:www\w?\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|cc|top|info|vip)(?:\/\S*)?\s*$/i;

/** A report line without the page's tail glued to it; the tail is returned so the warning can show it. */
export function withoutGluedTail(line: string): { line: string; tail?: string } {
  // Headings are short; a long line is a paragraph (and the domain pattern would take quadratic time on it).
  const m = GLUED_TAIL.exec(line) ?? (line.length > 120 || /[。；]/.test(line) ? null : GLUED_DOMAIN.exec(line));
  if (!m || m.index === 0 || /\.(?:gov|edu)\.cn\b/i.test(m[0])) return { line };
  return { line: line.slice(0, m.index).trimEnd(), tail: m[0].trim() };
}

/** Ends a line that continues on the next: a comma, an enumeration comma, an opening quote or bracket. */
const OPEN_END = /[，,、“‘（(《]$/;
const LOOKS_NUMBERED = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|第[一二三四五六七八九十\d]+篇|篇[一二三四五六七八九十\d]+)/;

export interface NormaliseResult {
  /** The cleaned text: one paragraph per line, no blank lines. */
  text: string;
  /** Boilerplate lines taken out, as they were (for the warning and for review). */
  removed: string[];
  /** Whether traditional characters were converted. */
  converted: boolean;
  /** How many pinyin readings were removed. */
  pinyin: number;
}

/**
 * Cleans pasted or extracted report text, keeping every word of the report itself.
 * @example normaliseText('總結(jié)\n返回首页\n完成１２０名').text // '总结\n完成120名'
 */
export function normaliseText(raw: string): NormaliseResult {
  let text = raw.replace(/\r\n?/g, '\n').replace(/[\u200b-\u200d\ufeff\u00ad]/g, '');
  text = decodeEntities(text).replace(/[\u00a0\u2002\u2003\u2009\t]/g, ' ');
  let pinyin = 0;
  text = text.replace(PINYIN_READING, () => {
    pinyin += 1;
    return '';
  });
  const simplified = simplify(text);
  const converted = simplified !== text;
  text = halfWidthDigits(simplified);

  const removed: string[] = [];
  text = unwrapHardLines(text, removed);
  const kept: string[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine
      .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
      .replace(/ {2,}/g, ' ')
      // A space left by an entity next to Chinese punctuation is no word boundary.
      .replace(/(?<=[，。；：、！？“”（）《》]) +| +(?=[，。；：、！？”）》])/g, '');
    if (!line) {
      kept.push('');
      continue;
    }
    if (isBoilerplate(line)) {
      removed.push(line);
      continue;
    }
    const glued = withoutGluedTail(line);
    if (glued.tail) removed.push(glued.tail);
    kept.push(glued.line);
  }
  return { text: withoutTrailingPage(withoutRepeatedHeader(joinBrokenLines(kept), removed), removed).join('\n'), removed, converted, pinyin };
}

/** A page number as a PDF's text shows it: — 3 —, - 3 -, 第3页, 第 3 页 共 8 页, 3/8. */
const PAGE_NUMBER = /^[-—–－\s]*[-—–－]\s*\d{1,3}\s*[-—–－][-—–－\s]*$|^第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?$|^\d{1,3}\s*\/\s*\d{1,3}$/;
const INDENTED = /^(?: {2,}|\u3000+|\t)\S/;
/** How long a line must be to have been wrapped by the page (a short one is a heading or a title). */
const WRAPPED_LENGTH = 15;

/**
 * Text copied out of a PDF (or a page laid out the same way): each paragraph starts indented, and the page broke
 * the rest into lines at its width, mid-word and mid-figure (新建学校3 / 所). Such lines are joined back, across a
 * page's break and its page number, so no figure is split. Text that is not laid out so (no indented paragraph
 * starts, or no line that runs on) is left as it is.
 */
function unwrapHardLines(text: string, removed: string[]): string {
  const lines = text.split('\n');
  if (lines.filter((l) => INDENTED.test(l)).length < 3) return text;
  const out: string[] = [];
  // The last line with text; whether blank lines came after it, and whether a page number did (a page's break).
  let last = -1;
  let gap = false;
  let pageBreak = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (PAGE_NUMBER.test(trimmed)) {
      removed.push(trimmed);
      pageBreak = true;
      continue;
    }
    if (!trimmed) {
      out.push(line);
      gap = true;
      continue;
    }
    // A blank line with no page number in it parts paragraphs (a title, then 各位领导：).
    const parted = gap && !pageBreak;
    gap = false;
    pageBreak = false;
    const previous = last >= 0 ? out[last].trim() : '';
    // A numbered heading on its own (一、主要工作成效) ends there, whatever its length.
    const heading = LOOKS_NUMBERED.test(previous) && !/[。，,；;]/.test(previous);
    const runsOn = previous.length >= WRAPPED_LENGTH && !heading && !/[。！？；：!?;:”）》]$/.test(previous);
    // A flush line that is itself numbered (二、教师队伍) starts something new, never continues.
    if (last >= 0 && !parted && !INDENTED.test(line) && !LOOKS_NUMBERED.test(trimmed) && runsOn) {
      out[last] = `${out[last].trimEnd()}${trimmed}`;
      out.length = last + 1; // the blank lines of a page break inside the paragraph go
      continue;
    }
    out.push(line);
    last = out.length - 1;
  }
  return out.join('\n');
}

/** A signature's date on its own line: 2026年1月6日, 二〇二六年一月六日. */
const SIGNATURE_DATE = /^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/;
/** How many lines after the signature a page's footer may take. */
const FOOTER_LINES = 15;

/**
 * What a page shows after the report's signature (links to the previous and next articles, related sites, the
 * footer): short lines with no sentence in them, after the last date line near the end. A second report, or
 * anything written as prose, is kept.
 */
function withoutTrailingPage(lines: string[], removed: string[]): string[] {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 1 - FOOTER_LINES); i--) {
    if (!SIGNATURE_DATE.test(lines[i])) continue;
    const after = lines.slice(i + 1);
    if (!after.length || after.some((l) => l.length > 100 || /[。！？；;!?]/.test(l) || LOOKS_NUMBERED.test(l))) return lines;
    removed.push(...after);
    return lines.slice(0, i + 1);
  }
  return lines;
}

/** Rejoins a paragraph that a page broke mid-sentence, and drops blank lines and a title repeated at once. */
function joinBrokenLines(lines: string[]): string[] {
  const out: string[] = [];
  let pendingJoin = false;
  for (const line of lines) {
    if (!line) continue;
    const previous = out[out.length - 1];
    if (pendingJoin && previous !== undefined && !LOOKS_NUMBERED.test(line)) {
      out[out.length - 1] = previous + line;
    } else if (previous === line && line.length <= 60) {
      continue; // the page repeated its title
    } else {
      out.push(line);
    }
    const current = out[out.length - 1];
    pendingJoin = current.length >= 30 && OPEN_END.test(current);
  }
  return out;
}

/** How far into the text (at most, and never past the first numbered heading) a page repeats its header. */
const HEADER_LINES = 12;
const LISTING_PREFIX = /^(?:最新|热门|精选|推荐|优秀|经典|\d{4}(?:年)?最新)/;

/**
 * Drops the header a page shows twice: a line near the top equal to an earlier one, or a listing title
 * ("最新……总结篇五") followed soon by the page's own title ("……总结篇五").
 */
function withoutRepeatedHeader(lines: string[], removed: string[]): string[] {
  const out: string[] = [];
  const firstHeading = lines.findIndex((l) => LOOKS_NUMBERED.test(l));
  const headerEnd = Math.min(HEADER_LINES, firstHeading < 0 ? lines.length : firstHeading);
  lines.forEach((line, i) => {
    if (i < headerEnd && line.length >= 6 && out.includes(line)) {
      removed.push(line);
      return;
    }
    const later = i < headerEnd && lines.slice(i + 1, i + 4).find((next) => next.length >= 6 && next !== line && line.endsWith(next) && LISTING_PREFIX.test(line.slice(0, line.length - next.length)));
    if (later) {
      removed.push(line);
      return;
    }
    out.push(line);
  });
  return out;
}

/** A line that starts another report in a collection: 篇一, 第二篇：…, 【篇三】, 范文四, …计划篇5. */
const REPORT_MARK =
  /^(?:【\s*)?(?:(?:篇|范文)\s*([一二三四五六七八九十\d]+)|第\s*([一二三四五六七八九十\d]+)\s*篇)(?:\s*】)?\s*[:：.、]?\s*(.*)$/;
const TRAILING_MARK = /^(.{2,60}?)\s*[（(【]?\s*(?:篇|范文)\s*([一二三四五六七八九十\d]+)\s*[）)】]?$/;

export interface ReportPart {
  /** The part's own title (from its marker line or its first line). */
  title: string;
  text: string;
}

/**
 * Splits a file holding several reports at their 篇一/第二篇 markers; one report gives one part.
 * Text before a 第二篇 with no 第一篇 is the first report (collections often mark only the later ones).
 * @example splitReports('篇一：甲\n…\n篇二：乙\n…').map(p => p.title) // ['甲', '乙']
 */
export function splitReports(text: string): ReportPart[] {
  const lines = text.split('\n');
  const marks: Array<{ index: number; n: number; title: string }> = [];
  lines.forEach((line, index) => {
    if (line.length > 80) return;
    const lead = REPORT_MARK.exec(line);
    if (lead) {
      marks.push({ index, n: numeral(lead[1] ?? lead[2]), title: lead[3].trim() });
      return;
    }
    const tail = TRAILING_MARK.exec(line);
    if (tail && !/^\d+$/.test(tail[1])) marks.push({ index, n: numeral(tail[2]), title: tail[1].trim() });
  });
  if (marks.length < 2 && !(marks.length === 1 && marks[0].n >= 2)) return [{ title: lines[0] ?? '', text }];

  const parts: ReportPart[] = [];
  if (marks[0].n >= 2) {
    // The first report has no marker: it runs from after the collection header to the first marker.
    const start = collectionHeaderEnd(lines, marks[0].index);
    const body = lines.slice(start, marks[0].index);
    const header = start > 0 ? lines[0].replace(/[（(]?(?:通用|精选)?\s*(?:\d+|[一二三四五六七八九十]+)篇[）)]?$/, '').trim() : '';
    if (body.length) parts.push({ title: titleOf(body, header || '第1篇'), text: body.join('\n') });
  }
  marks.forEach((mark, i) => {
    const end = i + 1 < marks.length ? marks[i + 1].index : lines.length;
    const body = lines.slice(mark.index + 1, end);
    const title = mark.title || titleOf(body, `第${mark.n}篇`);
    const bodyText = (mark.title ? [mark.title, ...body] : body).join('\n');
    if (bodyText.trim()) parts.push({ title, text: bodyText });
  });
  return parts;
}

/** A collection's header line ("…工作要点4篇", "…范文（通用5篇）") is not part of its first report. */
function collectionHeaderEnd(lines: string[], before: number): number {
  let start = 0;
  while (start < before && /(?:\d+|[一二三四五六七八九十]+)篇[）)]?$|范文[（(]?.*[）)]?$|精选|合集|大全/.test(lines[start])) start += 1;
  return start;
}

function titleOf(body: string[], fallback: string): string {
  const first = body.find((l) => l.trim());
  return first && first.length <= 60 ? first : fallback;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 1, 12, 一, 十二, 二十三 → number. */
export function numeral(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1) return CN_DIGITS[text] ?? 0;
  const [tens, ones] = text.split('十');
  return (tens ? CN_DIGITS[tens] ?? 0 : 1) * 10 + (ones ? CN_DIGITS[ones] ?? 0 : 0);
}
