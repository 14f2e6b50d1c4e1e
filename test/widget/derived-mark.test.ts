import { describe, expect, it } from 'vitest';
import { renderMarked } from '../../src/widget/markdown-lite.js';

describe('renderMarked with computed figures', () => {
  it('marks a stated sum with how it was computed, whole figures only', () => {
    const html = renderMarked('各单位培训教师合计295人次，另有1295人次。', [], [{ value: '295人次', formula: '120人次 + 80人次 + 95人次 = 295人次' }]);
    expect(html).toContain('合计<mark class="derived" tabindex="0" title="计算得出：120人次 + 80人次 + 95人次 = 295人次">295人次</mark>，');
    // The 295人次 inside 1295人次 is another figure: not marked.
    expect(html.match(/<mark class="derived"/g)).toHaveLength(1);
    expect(html).toContain('另有1295人次');
  });

  it('escapes a formula that carries markup or quotes', () => {
    const html = renderMarked('合计3次', [], [{ value: '3次', formula: '1次" onmouseover="alert(1) + <b>2次</b> = 3次' }]);
    expect(html).not.toContain('" onmouseover');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&quot; onmouseover=&quot;');
  });
});
