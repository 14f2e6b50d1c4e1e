/** Reading our prompts as a model would: the facts block, the piece asked for. No Node modules: workerd tests use it too. */

/** What a scripted model sees of a request. */
export interface PromptRequest {
  user: string;
}

/** The lines inside the first <facts>…</facts> block of a prompt, without their `- ` bullets. */
export function factsIn(user: string): string[] {
  const block = user.match(/<facts>\n?([\s\S]*?)\n?<\/facts>/)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/^-\s*/, '').trim())
    .filter(Boolean);
}

/** The lines inside the last <facts>…</facts> block (a re-ask names the missing facts there). */
export function lastFactsIn(user: string): string[] {
  const blocks = [...user.matchAll(/<facts>\n?([\s\S]*?)\n?<\/facts>/g)];
  return factsIn(blocks.length ? `<facts>\n${blocks.at(-1)![1]}\n</facts>` : '');
}

/** The prompt with every <facts>…</facts> block removed: what a model would read as instructions. */
export function outsideFacts(user: string): string {
  return user.replace(/<facts>[\s\S]*?<\/facts>/g, '');
}

/** Which piece a prompt asks for, from the part prompts' own wording. */
export function pieceOf(request: PromptRequest): 'opening' | 'closing' | 'repair' | 'reask' | 'rewrite' | 'part' {
  if (request.user.includes('<sentence>')) return 'repair';
  if (request.user.includes('你写的这一部分漏掉了下列事实')) return 'reask';
  if (request.user.includes('请按这一要求改写')) return 'rewrite';
  if (/开头段|开头一段/.test(request.user)) return 'opening';
  if (/结束语/.test(request.user)) return 'closing';
  return 'part';
}


/** A repair as a model that follows the instruction writes it: hedges dropped, or else the closest fact itself. */
export function faithfulRepair(user: string): string {
  const sentence = user.match(/<sentence>(.*)<\/sentence>/)![1];
  const unhedged = sentence.replace(/约(?=\d)|(?<=\d)余/g, '');
  if (unhedged !== sentence) return unhedged;
  const shared = (fact: string) => [...new Set(fact)].filter((ch) => sentence.includes(ch)).length;
  const closest = [...factsIn(user)].sort((a, b) => shared(b) - shared(a))[0];
  return closest ? `${closest}。` : sentence;
}
