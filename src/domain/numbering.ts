/** GB/T 9704 numbering: 一、 → （一） → 1. → （1）, and the 一是/二是 of enumerations. */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * A positive integer in Chinese numerals as headings write it.
 * @example chineseNumeral(1) // '一'; chineseNumeral(12) // '十二'; chineseNumeral(20) // '二十'
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${DIGITS[hundreds]}百`;
  return `${DIGITS[hundreds]}百${rest < 10 ? '零' : ''}${rest < 20 && rest >= 10 ? '一' : ''}${chineseNumeral(rest)}`;
}

/** Level 1: 一、 */
export const level1 = (n: number) => `${chineseNumeral(n)}、`;
/** Level 2: （一） */
export const level2 = (n: number) => `（${chineseNumeral(n)}）`;
/** Level 3: 1. */
export const level3 = (n: number) => `${n}.`;
/** Level 4: （1） */
export const level4 = (n: number) => `（${n}）`;
/** Enumeration inside a paragraph: 一是 */
export const ordinal = (n: number) => `${chineseNumeral(n)}是`;
