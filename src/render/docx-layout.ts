/** The GB/T 9704-2012 page, fonts and sizes for the Word export, in Word's units (twips, half-points). */

/** A4 portrait in twips (1 twip = 1/20 pt): 210 mm × 297 mm. */
export const PAGE = { width: 11906, height: 16838 } as const;

/**
 * Margins of the standard: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, giving a 156 × 225 mm text area.
 * The footer sits so the page number's dash line is about 7 mm below the text area, as §7.5 places it.
 */
export const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474, header: 851, footer: 1304 } as const;

/** Text area in twips. */
export const TEXT_AREA = { width: PAGE.width - MARGIN.left - MARGIN.right, height: PAGE.height - MARGIN.top - MARGIN.bottom } as const;

/** Sizes in half-points, as Word writes them: 2号 22 pt, 3号 16 pt, 4号 14 pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 28 } as const;

/** 22 lines of 28 characters: line pitch = text height / 22, rounded down so 22 lines always fit. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
export const LINE_PITCH = Math.floor(TEXT_AREA.height / LINES_PER_PAGE);

/**
 * 28 characters of 3号 (16 pt) are 448 pt, a little wider than the 442 pt text area, so every character of body
 * text is drawn 0.25 pt closer (w:spacing in twips, rounded down so 28 always fit). This is a run property that
 * Word, WPS and LibreOffice all honour, unlike a character grid (w:docGrid linesAndChars), which only Word and
 * WPS apply: LibreOffice lays a character grid out as 18 characters a line.
 */
export const CHAR_SPACING = Math.floor(TEXT_AREA.width / CHARS_PER_LINE - SIZE.body * 10);

/** One full-width character of 3号 body text as drawn (font size + spacing), in twips. */
export const CHAR_WIDTH = SIZE.body * 10 + CHAR_SPACING;

/** Fixed line spacing of body text: the grid's line pitch (about 28.9 pt), written as an exact rule. */
export const LINE_SPACING = LINE_PITCH;

/** The official font of each role. */
export const FONT = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  pageNumber: '宋体',
} as const;

/**
 * What to use on a machine without the official font, best first. The first is written to the document's font
 * table as w:altName (Word switches to it by itself); the rest are documented in README for LibreOffice,
 * macOS and Linux (fontconfig) set-ups.
 */
export const FONT_FALLBACKS: Record<string, readonly string[]> = {
  '方正小标宋简体': ['方正小标宋_GBK', '华文中宋', 'STZhongsong', '宋体', 'SimSun'],
  '黑体': ['SimHei', 'STHeiti', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei'],
  '楷体_GB2312': ['楷体', 'KaiTi', 'STKaiti', 'AR PL UKai CN'],
  '仿宋_GB2312': ['仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC'],
  '宋体': ['SimSun', 'STSong', 'Noto Serif CJK SC', 'WenQuanYi Zen Hei'],
};

/** Highlight colours: 【待补充】 markers in yellow, figures not found in the facts in cyan (Word's own palette). */
export const HIGHLIGHT = { placeholder: 'yellow', unverified: 'cyan' } as const;
