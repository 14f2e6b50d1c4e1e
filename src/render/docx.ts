/**
 * Canonical Markdown → .docx in the official layout of GB/T 9704-2012 (page, grid, fonts, page numbers,
 * signature), with 【待补充】 markers and unverified figures highlighted. Web APIs only: runs on Workers.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FootnoteReferenceRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IStylesOptions,
  type ParagraphChild,
} from 'docx';
import { Lexer, type Token, type Tokens } from 'marked';
import { spansOfFigures, type FigureSpan } from '../domain/figures.js';
import { fontTableXml } from './docx-font-table.js';
import { MARK_CLOSE, MARK_OPEN, withMarks, withoutMarks } from './figure-marks.js';
import { CHAR_SPACING, CHAR_WIDTH, FONT, HIGHLIGHT, LINE_PITCH, LINE_SPACING, MARGIN, PAGE, SIZE, TEXT_AREA } from './docx-layout.js';

export interface DocxOptions {
  /** Where figures not found in the facts stand (the figure guard's `inventedAt`): exactly these are highlighted. */
  marks?: readonly FigureSpan[];
  /** Figures not found in the facts (`invented`), for a report without places: each whole occurrence is highlighted. */
  unverified?: readonly string[];
  /** Figures the draft states as computed (accepted sums of a consolidation): each gets a footnote saying how. */
  computed?: ReadonlyArray<{ value: string; formula: string }>;
}

/**
 * What the runs mark: the highlight pattern (placeholders, unverified figures, computed figures), and for each
 * computed figure its footnote's id, referred to at its first occurrence only.
 */
interface Marking {
  pattern: RegExp;
  footnotes: Map<string, { id: number; referenced: boolean }>;
}

/** A piece of inline text, or a hard line break. */
type Segment = { text: string; bold?: boolean } | { br: true };

/** Paragraph styles, by role. */
const STYLE = { title: 'GwTitle', heading1: 'GwHeading1', heading2: 'GwHeading2', body: 'GwBody', table: 'GwTable', tableHead: 'GwTableHead' } as const;

/** The same font for Latin and Chinese text, with the eastAsia hint so “ ” — … are set in the Chinese font too. */
const fontsOf = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name, hint: 'eastAsia' });

const exactLine = { line: LINE_SPACING, lineRule: LineRuleType.EXACT } as const;
/** Two characters of first-line indent, in twips: a unit every office suite reads the same way. */
const twoChars = { firstLine: 2 * CHAR_WIDTH } as const;
/** No widow/orphan control: it moves a paragraph's last lines over and leaves pages of 21 lines (§5.2.2: 22). */
const noWidowControl = { widowControl: false } as const;
/**
 * Paragraph properties of 3号 text. w:overflowPunct is written although it is Word's default (a comma may hang in
 * the margin): LibreOffice reads the element inverted (hanging = val is 0) and, without it, hangs the comma of a
 * justified line and leaves it off the printed page; with it, LibreOffice moves the comma down with its character.
 */
const bodyLayout = { alignment: AlignmentType.JUSTIFIED, indent: twoChars, spacing: exactLine, overflowPunctuation: true, ...noWidowControl } as const;
/** Body-size text (3号) drawn at the pitch that gives 28 characters a line (see CHAR_SPACING). */
const bodyRun = { size: SIZE.body, characterSpacing: CHAR_SPACING } as const;

const styles: IStylesOptions = {
  default: {
    document: {
      run: { font: fontsOf(FONT.body), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: { ...exactLine, before: 0, after: 0 } },
    },
  },
  paragraphStyles: [
    {
      id: STYLE.title,
      name: '公文标题',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: { font: fontsOf(FONT.title), size: SIZE.title },
      // 标题下空一行 (§7.3.1): one grid line after the title.
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exactLine, before: 0, after: LINE_PITCH }, outlineLevel: 0 },
    },
    // 一、 and （一） headings differ only in their font and outline level.
    ...([
      [STYLE.heading1, '公文一级标题', FONT.heading1, 1],
      [STYLE.heading2, '公文二级标题', FONT.heading2, 2],
    ] as const).map(([id, name, font, outlineLevel]) => ({
      id,
      name,
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: { font: fontsOf(font), ...bodyRun },
      paragraph: { ...bodyLayout, outlineLevel, keepNext: true },
    })),
    {
      id: STYLE.body,
      name: '公文正文',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: { font: fontsOf(FONT.body), ...bodyRun },
      paragraph: bodyLayout,
    },
    {
      id: STYLE.table,
      name: '公文表格',
      basedOn: 'Normal',
      run: { font: fontsOf(FONT.body), size: SIZE.table },
      paragraph: { spacing: exactLine },
    },
    {
      id: STYLE.tableHead,
      name: '公文表头',
      basedOn: STYLE.table,
      run: { font: fontsOf(FONT.heading1), size: SIZE.table },
      paragraph: { alignment: AlignmentType.CENTER, spacing: exactLine },
    },
  ],
};

/** Characters XML 1.0 cannot hold; a pasted control character would otherwise make the file unreadable. */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function inlineSegments(tokens: Token[] | undefined, bold = false): Segment[] {
  if (!tokens) return [];
  return tokens.flatMap((token): Segment[] => {
    switch (token.type) {
      case 'br':
        return [{ br: true }];
      case 'strong':
        return inlineSegments((token as Tokens.Strong).tokens, true);
      case 'escape':
      case 'codespan':
        return [{ text: token.text, bold }];
      case 'html':
      case 'tag':
        return [{ text: token.raw, bold }];
      case 'image':
        return [{ text: (token as Tokens.Image).text, bold }];
      default:
        if ('tokens' in token && token.tokens) return inlineSegments(token.tokens as Token[], bold);
        return [{ text: 'text' in token ? String(token.text) : token.raw, bold }];
    }
  });
}

/** Splits segments at hard breaks into lines of plain text (for the signature block). */
function lines(segments: Segment[]): string[] {
  const out = [''];
  for (const s of segments) {
    if ('br' in s) out.push('');
    else out[out.length - 1] += s.text;
  }
  return out.map((l) => l.trim());
}

/** 【待补充：…】 markers, and figures between the mark sentinels that withMarks put at their places. */
const HIGHLIGHTED = new RegExp(`【待补充[：:][^】]*】|${MARK_OPEN}[^${MARK_OPEN}${MARK_CLOSE}]*${MARK_CLOSE}`, 'g');

/** Neighbouring pieces of the same weight joined: Markdown escapes would otherwise make one run per character. */
function coalesce(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (last && !('br' in last) && !('br' in s) && Boolean(last.bold) === Boolean(s.bold)) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  return out;
}

/** Text runs in a role's font, highlighted where the marking's pattern matches. */
function runs(segments: Segment[], font: string, marking: Marking): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const push = (text: string, bold: boolean | undefined, highlight?: string) => {
    if (text) out.push(new TextRun({ text, font: fontsOf(font), ...(bold ? { bold: true } : {}), ...(highlight ? { highlight: highlight as 'yellow' } : {}) }));
  };
  for (const segment of coalesce(segments)) {
    if ('br' in segment) {
      out.push(new TextRun({ break: 1, font: fontsOf(font) }));
      continue;
    }
    const text = segment.text.replace(XML_INVALID, '');
    let at = 0;
    for (const match of text.matchAll(marking.pattern)) {
      push(withoutMarks(text.slice(at, match.index)), segment.bold);
      at = match.index + match[0].length;
      const note = marking.footnotes.get(match[0]);
      if (note) {
        // A computed figure: plain text, and at its first occurrence a footnote saying how it was computed.
        push(match[0], segment.bold);
        if (!note.referenced) out.push(new FootnoteReferenceRun(note.id));
        note.referenced = true;
        continue;
      }
      const placeholder = match[0].startsWith('【');
      push(placeholder ? withoutMarks(match[0]) : match[0].slice(1, -1), segment.bold, placeholder ? HIGHLIGHT.placeholder : HIGHLIGHT.unverified);
    }
    push(withoutMarks(text.slice(at)), segment.bold);
  }
  return out;
}

/** Width of a text in grid cells: full-width characters take one, half-width (digits, Latin) half of one. */
function cells(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0020-\u007e\uff61-\uff9f]/.test(ch) ? 0.5 : 1;
  return width;
}

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二十六 → 26, 十二 → 12, 十 → 10. */
function smallNumber(text: string): number {
  if (!text.includes('十')) return CN_DIGIT[text] ?? NaN;
  const [tens, ones] = text.split('十');
  return (tens ? CN_DIGIT[tens] : 1) * 10 + (ones ? CN_DIGIT[ones] : 0);
}

/**
 * The date in Arabic numerals as §7.3.5 asks (二〇二五年十二月二十六日 → 2025年12月26日); a date already in
 * digits is left exactly as given, so a figure of the facts never changes.
 */
export function arabicDate(date: string): string {
  return date
    .replace(/([〇零○一二三四五六七八九]{4})年/g, (_, y: string) => `${[...y].map((d) => CN_DIGIT[d]).join('')}年`)
    .replace(/([一二三四五六七八九十]{1,3})(月|日)/g, (m, n: string, unit: string) => {
      const value = smallNumber(n);
      return Number.isFinite(value) ? `${value}${unit}` : m;
    });
}

/**
 * The signature block of a document without a seal (§7.3.5.2): a blank line after the body, the unit right-indented
 * two characters, the date below it starting two characters further right; when the date is the longer, the date
 * keeps its two-character right space and the unit moves left.
 */
function signature(org: string, date: string, marking: Marking): Paragraph[] {
  const orgWidth = cells(withoutMarks(org));
  const dateWidth = cells(withoutMarks(date));
  const dateRight = Math.max(2, orgWidth - dateWidth);
  const orgRight = dateRight + dateWidth + 2 - orgWidth;
  // keepNext holds the blank line, unit and date on one page: a date alone on the last page is a known fault.
  const line = (text: string, right: number) =>
    new Paragraph({
      style: STYLE.body,
      keepNext: text === org,
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, firstLineChars: 0, right: Math.round(right * CHAR_WIDTH) },
      children: runs([{ text }], FONT.body, marking),
    });
  return [new Paragraph({ style: STYLE.body, keepNext: true, children: [] }), line(org, orgRight), line(date, dateRight)];
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** A GFM table as a Word table the width of the text area, columns sized by their longest cell. */
function table(token: Tokens.Table, marking: Marking): Table {
  const all = [token.header, ...token.rows];
  const weights = token.header.map((_, col) => Math.min(24, Math.max(4, ...all.map((row) => cells(row[col]?.text ?? '')))));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * TEXT_AREA.width));
  widths[widths.length - 1] += TEXT_AREA.width - widths.reduce((a, b) => a + b, 0);
  const align = (col: number) =>
    ({ center: AlignmentType.CENTER, right: AlignmentType.RIGHT, left: AlignmentType.LEFT })[token.align[col] ?? 'left'] ?? AlignmentType.LEFT;
  const row = (cellsOfRow: Tokens.TableCell[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      // No cantSplit: LibreOffice (7.4) drops the body rows of a table that starts near a page's end when they may not
      // split (only the header row was drawn, the schedule lost). A row split over a page break loses nothing.
      children: widths.map(
        (width, col) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 85, right: 85 },
            children: [
              new Paragraph({
                style: head ? STYLE.tableHead : STYLE.table,
                ...(head ? {} : { alignment: align(col) }),
                children: runs(inlineSegments(cellsOfRow[col]?.tokens), head ? FONT.heading1 : FONT.body, marking),
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_AREA.width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [row(token.header, true), ...token.rows.map((r) => row(r, false))],
  });
}

/** A text or paragraph block's inline content. */
const textSegments = (token: Tokens.Text | Tokens.Paragraph): Segment[] => (token.tokens ? inlineSegments(token.tokens) : [{ text: token.text }]);

function bodyParagraph(segments: Segment[], marking: Marking): Paragraph {
  return new Paragraph({ style: STYLE.body, children: runs(segments, FONT.body, marking) });
}

/** Block tokens → Word paragraphs and tables. `1.` and `（1）` items stay paragraphs in 仿宋 with their numbers as text. */
function blocks(token: Token, marking: Marking): Array<Paragraph | Table> {
  switch (token.type) {
    case 'heading': {
      const heading = token as Tokens.Heading;
      const segments = inlineSegments(heading.tokens);
      if (heading.depth === 1) return [new Paragraph({ style: STYLE.title, children: runs(segments, FONT.title, marking) })];
      if (heading.depth === 2) return [new Paragraph({ style: STYLE.heading1, children: runs(segments, FONT.heading1, marking) })];
      if (heading.depth === 3) return [new Paragraph({ style: STYLE.heading2, children: runs(segments, FONT.heading2, marking) })];
      return [bodyParagraph(segments, marking)];
    }
    case 'paragraph':
      return [bodyParagraph(inlineSegments((token as Tokens.Paragraph).tokens), marking)];
    case 'text':
      return [bodyParagraph(textSegments(token as Tokens.Text), marking)];
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items.flatMap((item, i) => {
        const number = list.ordered ? `${start + i}. ` : '';
        let numbered = false;
        return item.tokens.flatMap((t) => {
          if (numbered || (t.type !== 'text' && t.type !== 'paragraph')) return blocks(t, marking);
          numbered = true;
          return [bodyParagraph([{ text: number }, ...textSegments(t as Tokens.Text)], marking)];
        });
      });
    }
    case 'table':
      return [table(token as Tokens.Table, marking)];
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap((t) => blocks(t, marking));
    case 'code':
      return (token as Tokens.Code).text.split('\n').map((line) => bodyParagraph([{ text: line }], marking));
    case 'html':
      return [bodyParagraph([{ text: (token as Tokens.HTML).raw.trim() }], marking)];
    default:
      return [];
  }
}

/** Page number "— 1 —" in 4号 宋体, one character in from the outer edge: odd pages right, even pages left (§7.5). */
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const oneChar = SIZE.pageNumber * 10; // one 4号 character in twips
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: oneChar } : { left: oneChar },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontsOf(FONT.pageNumber), size: SIZE.pageNumber })],
      }),
    ],
  });
}

const ALL_FONTS = [FONT.title, FONT.heading1, FONT.heading2, FONT.body, FONT.pageNumber];

/**
 * Renders canonical Markdown as a .docx file in the GB/T 9704-2012 layout.
 * @example const bytes = await renderDocx(view.markdown, { marks: view.figures.inventedAt })
 */
export async function renderDocx(markdown: string, options: DocxOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const computed = (options.computed ?? []).filter((c) => c.value);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = [...computed].sort((a, b) => b.value.length - a.value.length).map((c) => escape(c.value));
  const marking: Marking = {
    // A computed figure is matched whole (the 295人次 inside 1295人次 is another figure), longest first.
    pattern: computed.length ? new RegExp(`${HIGHLIGHTED.source}|(?<![\\d.,])(?:${alternatives.join('|')})`, 'g') : HIGHLIGHTED,
    footnotes: new Map(computed.map((c, i) => [c.value, { id: i + 1, referenced: false }])),
  };
  const marks = options.marks ?? spansOfFigures(markdown, options.unverified ?? []);
  const tokens = new Lexer({ gfm: true }).lex(withMarks(markdown, marks)).filter((t) => t.type !== 'space');
  const last = tokens.at(-1);
  let closing: Paragraph[] = [];
  if (last?.type === 'paragraph') {
    const signatureLines = lines(inlineSegments((last as Tokens.Paragraph).tokens));
    if (signatureLines.length === 2 && signatureLines.every(Boolean)) {
      tokens.pop();
      closing = signature(signatureLines[0], arabicDate(signatureLines[1]), marking);
    }
  }
  const title = tokens.find((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 1);
  const doc = new Document({
    creator: '公文起草助手',
    title: title ? withoutMarks(lines(inlineSegments(title.tokens)).join('')) : '',
    styles,
    evenAndOddHeaderAndFooters: true,
    footnotes: Object.fromEntries(
      computed.map((c, i) => [i + 1, { children: [new Paragraph({ children: [new TextRun({ text: `计算得出：${c.formula.replace(XML_INVALID, '')}`, font: fontsOf(FONT.body) })] })] }]),
    ),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGIN, gutter: 0 },
          },
          // No snapping grid: the 22 lines come from every paragraph's exact spacing (LINE_PITCH), the 28 characters
          // from the runs' spacing. LibreOffice lays a character grid out as 18 a line, and under a line grid it
          // gives the 2号 title two lines; exact spacing and run spacing read the same in Word, WPS and LibreOffice.
          grid: { linePitch: LINE_PITCH },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: [...tokens.flatMap((t) => blocks(t, marking)), ...closing],
      },
    ],
  });
  const buffer = await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml(ALL_FONTS) }]);
  return new Uint8Array(buffer);
}

/** The media type of a .docx file. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
