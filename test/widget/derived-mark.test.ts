import { describe, expect, it } from 'vitest';
import { markDraft } from '../../src/widget/markdown-lite.js';

describe('markDraft with computed figures', () => {
  it('marks a stated sum with how it was computed, in text only', () => {
    const html = markDraft('<p title="295人次">各单位培训教师合计295人次。</p>', [], [{ value: '295人次', formula: '120人次 + 80人次 + 95人次 = 295人次' }]);
    expect(html).toBe('<p title="295人次">各单位培训教师合计<mark class="derived" tabindex="0" title="计算得出：120人次 + 80人次 + 95人次 = 295人次">295人次</mark>。</p>');
  });

  it('escapes a formula that carries markup or quotes', () => {
    const html = markDraft('<p>合计3次</p>', [], [{ value: '3次', formula: '1次" onmouseover="alert(1) + <b>2次</b> = 3次' }]);
    expect(html).not.toContain('" onmouseover');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&quot; onmouseover=&quot;');
  });
});
