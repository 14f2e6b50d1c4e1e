/**
 * Derived figures: values computed from given figures (a sum across schools, 同比 against last year), checked
 * with exact decimal arithmetic so that a draft states one only when its sum holds and each operand was given. Pure.
 */
import { z } from 'zod';
import { normaliseFigure } from './figures.js';

export const DERIVED_OPS = ['sum', 'difference', 'ratio', 'percent-change'] as const;
export type DerivedOp = (typeof DERIVED_OPS)[number];

/** How many derived figures one fact sheet may carry (thirty schools × a handful of measures). */
export const DERIVED_LIMIT = 200;

const figureText = (label: string) =>
  z.string({ error: `${label}应为文字` }).trim().min(1, { error: `${label}不能为空` }).max(60, { error: `${label}不能超过 60 个字` });

export const derivedFigureSchema = z.object({
  /** The computed figure as a draft would state it: 295人次, 12.5%. */
  value: figureText('计算结果（derived.value）'),
  /** Its operands, each a figure of the fact sheet, in order (difference, ratio, percent-change: [first, second]). */
  of: z
    .array(figureText('运算数（derived.of）'), { error: '运算数（derived.of）应为列表' })
    .min(1, { error: '运算数（derived.of）至少一项' })
    .max(100, { error: '运算数（derived.of）最多 100 项' }),
  op: z.enum(DERIVED_OPS, { error: `运算（derived.op）应为 ${DERIVED_OPS.join('、')} 之一` }),
  /** What is measured: 培训教师. */
  label: figureText('名称（derived.label）').optional(),
  /** Who each operand came from (a school, 上年), aligned with `of`. */
  sources: z.array(figureText('来源（derived.sources）')).max(100).optional(),
  /** The user's choice: true to state it in the draft; offered sums start false. */
  accepted: z.boolean({ error: '是否采用（derived.accepted）应为 true 或 false' }).optional(),
});

export type DerivedFigure = z.infer<typeof derivedFigureSchema>;

export const derivedListSchema = z
  .array(derivedFigureSchema, { error: '计算得出的数字（derived）应为列表' })
  .max(DERIVED_LIMIT, { error: `计算得出的数字（derived）最多 ${DERIVED_LIMIT} 项` });

/** An exact decimal: digits × 10^-scale. BigInt, so 1.2 + 0.1 is 1.3 and never 1.3000000000000003. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** A figure split into its exact number and unit; undefined for dates, ranges and figures without a plain number. */
export interface Quantity {
  amount: Decimal;
  unit: string;
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?([^\d.\-—–~～至]*)$/;

/**
 * @example parseQuantity('2,338.2万元') // { amount: { units: 23382n, scale: 1 }, unit: '万元' }
 */
export function parseQuantity(figure: string): Quantity | undefined {
  const m = PLAIN.exec(normaliseFigure(figure.trim()));
  if (!m) return undefined;
  const [, sign, whole, fraction = '', unit] = m;
  const units = BigInt(whole + fraction) * (sign ? -1n : 1n);
  return { amount: { units, scale: fraction.length }, unit };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  return addDecimals(a, { units: -b.units, scale: b.scale });
}

export function equalDecimals(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) === rescale(b, scale);
}

/** a / b × factor, rounded half away from zero to `scale` decimals; undefined when b is zero. */
function quotient(a: Decimal, b: Decimal, factor: bigint, scale: number): Decimal | undefined {
  if (b.units === 0n) return undefined;
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^scale, times factor.
  let num = a.units * factor * 10n ** BigInt(scale + b.scale);
  let den = b.units * 10n ** BigInt(a.scale);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return { units: negative ? -q : q, scale };
}

/** The decimal as written: 295, 1.3, -12.5. */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = d.scale ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}` : digits;
  return `${negative ? '-' : ''}${whole}`;
}

export interface DerivedCheck {
  ok: boolean;
  /** What the operands give, as a figure (295人次), when it can be computed. */
  computed?: string;
  /** Why not, in Chinese. */
  reason?: string;
  /** How it was computed, for every view: 120人次 + 80人次 + 95人次 = 295人次. */
  formula: string;
}

const SYMBOL: Record<DerivedOp, string> = { sum: ' + ', difference: ' − ', ratio: ' ÷ ', 'percent-change': ' → ' };

/** The formula a reader sees: operands joined by the operation, then the value. */
export function derivedFormula(d: Pick<DerivedFigure, 'of' | 'op' | 'value'>): string {
  const body = d.op === 'percent-change' ? `（${d.of[1] ?? '?'} − ${d.of[0]}）÷ ${d.of[0]}` : d.of.join(SYMBOL[d.op]);
  return `${body} = ${d.value}`;
}

/**
 * Checks one derived figure's arithmetic exactly, and that each operand is one of the given figures.
 * sum and difference must hold exactly in the same unit; ratio and percent-change, rounded half up to the
 * decimals the value is written with (12.5% means the quotient rounds to 12.5).
 * @example checkDerived({ value: '1.3万元', of: ['1.2万元', '0.1万元'], op: 'sum' }, ['1.2万元', '0.1万元']).ok // true
 */
export function checkDerived(d: Pick<DerivedFigure, 'of' | 'op' | 'value'>, givenFigures: Iterable<string>): DerivedCheck {
  const formula = derivedFormula(d);
  const fail = (reason: string, computed?: string): DerivedCheck => ({ ok: false, reason, formula, ...(computed ? { computed } : {}) });
  const given = new Set([...givenFigures].map(normaliseFigure));
  const notGiven = d.of.filter((f) => !given.has(normaliseFigure(f)));
  if (notGiven.length) return fail(`运算数${notGiven.map((f) => `“${f}”`).join('、')}不是事实中给出的数字`);
  const value = parseQuantity(d.value);
  if (!value) return fail(`“${d.value}”不是可以核算的数字`);
  const operands = d.of.map(parseQuantity);
  const unreadable = d.of.filter((_, i) => !operands[i]);
  if (unreadable.length) return fail(`运算数${unreadable.map((f) => `“${f}”`).join('、')}不是可以核算的数字`);
  const ops = operands as Quantity[];
  const sameUnit = ops.every((q) => q.unit === ops[0].unit);
  if (!sameUnit) return fail('运算数的单位不一致，不能相加减或相比');
  let result: Decimal | undefined;
  let unit = ops[0].unit;
  switch (d.op) {
    case 'sum':
      if (ops.length < 2) return fail('求和至少需要两个运算数');
      result = ops.map((q) => q.amount).reduce(addDecimals);
      break;
    case 'difference':
      if (ops.length !== 2) return fail('求差需要两个运算数');
      result = subtractDecimals(ops[0].amount, ops[1].amount);
      break;
    case 'ratio': {
      if (ops.length !== 2) return fail('求比值需要两个运算数');
      const percent = value.unit === '%';
      unit = percent ? '%' : value.unit;
      result = quotient(ops[0].amount, ops[1].amount, percent ? 100n : 1n, value.amount.scale);
      if (!result) return fail('除数为零');
      break;
    }
    case 'percent-change': {
      if (ops.length !== 2) return fail('同比需要两个运算数：上年和本年');
      if (value.unit !== '%') return fail('同比的结果应为百分数（%）');
      unit = '%';
      result = quotient(subtractDecimals(ops[1].amount, ops[0].amount), ops[0].amount, 100n, value.amount.scale);
      if (!result) return fail('上年数为零，不能计算同比');
      break;
    }
  }
  const computed = `${formatDecimal(result)}${unit}`;
  if (value.unit !== unit) return fail(`结果的单位应为“${unit || '无'}”`, computed);
  // A 同比 written without its sign (增长12.5%, 下降5%) is read by its size; the words carry the direction.
  const matches =
    equalDecimals(value.amount, result) ||
    (d.op === 'percent-change' && value.amount.units >= 0n && equalDecimals(value.amount, { units: -result.units, scale: result.scale }));
  return matches ? { ok: true, computed, formula } : fail(`按运算数计算应为 ${computed}，与“${d.value}”不符`, computed);
}

/** A derived figure as every view shows it: what it is, how it was computed, and whether it holds. */
export interface DerivedReport extends DerivedCheck {
  value: string;
  of: string[];
  op: DerivedOp;
  label?: string;
  sources?: string[];
  accepted: boolean;
}

/** Checks each derived figure of a fact sheet against its given figures. */
export function checkDerivedList(derived: readonly DerivedFigure[] | undefined, givenFigures: readonly string[]): DerivedReport[] {
  return (derived ?? []).map((d) => ({
    value: d.value,
    of: d.of,
    op: d.op,
    ...(d.label ? { label: d.label } : {}),
    ...(d.sources ? { sources: d.sources } : {}),
    accepted: d.accepted === true,
    ...checkDerived(d, givenFigures),
  }));
}
