/** Reads Java `.properties` translation files as CHT does: `key = value`, `#`/`!` comments, `\` continuations. */
export function parseProperties(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i].replace(/^\s+/, '');
    const separator = /^((?:[^\\:=\s]|\\.)*)\s*[:=\s]\s*/.exec(line);
    const key = (separator ? separator[1] : line).replace(/\\(.)/g, '$1');
    const value = separator ? line.slice(separator[0].length) : '';
    entries.set(key, value.trim());
  }
  return entries;
}
