/** Markdown → plain text as a person would paste it into a document: headings as lines, no syntax. */
import { Lexer, type Token, type Tokens } from 'marked';

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'br':
          return '\n';
        case 'escape':
        case 'codespan':
          return token.text;
        case 'html':
        case 'tag':
          return token.raw;
        case 'image':
          return (token as Tokens.Image).text;
        default:
          return 'tokens' in token && token.tokens ? inline(token.tokens as Token[]) : 'text' in token ? String(token.text) : token.raw;
      }
    })
    .join('');
}

function block(token: Token): string | null {
  switch (token.type) {
    case 'heading':
    case 'paragraph':
      return inline((token as Tokens.Heading | Tokens.Paragraph).tokens);
    case 'text':
      return 'tokens' in token && token.tokens ? inline(token.tokens as Token[]) : String(token.text);
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return list.items
        .map((item, i) => `${list.ordered ? `${start + i}. ` : '· '}${item.tokens.map(block).filter((t) => t !== null).join('\n')}`)
        .join('\n');
    }
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inline(c.tokens)).join('\t');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.map(block).filter((t) => t !== null).join('\n');
    case 'code':
      return (token as Tokens.Code).text;
    case 'html':
      return (token as Tokens.HTML).raw.trim();
    case 'space':
    case 'hr':
    case 'def':
      return null;
    default:
      return 'raw' in token ? String(token.raw).trim() : null;
  }
}

/**
 * Renders canonical Markdown as plain text, one blank line between blocks.
 * @example renderText('## 一、标题\n\n正文') // '一、标题\n\n正文\n'
 */
export function renderText(markdown: string, tokens?: Token[]): string {
  const blocks = (tokens ?? new Lexer({ gfm: true }).lex(markdown)).map(block).filter((t): t is string => t !== null && t !== '');
  return `${blocks.join('\n\n')}\n`;
}
