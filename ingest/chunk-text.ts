/** Splits long section text into chunks of about `max` characters, on natural boundaries. */
export function chunkText(text: string, max = 1500): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= max) return [trimmed];
  const pieces = trimmed
    .split(/\n\s*\n/)
    .flatMap((paragraph) =>
      paragraph.length <= max ? [paragraph] : splitSentences(paragraph, max),
    );
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current === '' ? piece : `${current}\n\n${piece}`;
    if (candidate.length <= max) {
      current = candidate;
    } else {
      if (current !== '') chunks.push(current);
      current = piece;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

function splitSentences(paragraph: string, max: number): string[] {
  const sentences = paragraph.match(/[^.!?…]+(?:[.!?…]+|$)\s*/g) ?? [paragraph];
  const out: string[] = [];
  let current = '';
  for (const sentence of sentences.flatMap((s) => (s.length <= max ? [s] : hardSplit(s, max)))) {
    if ((current + sentence).length <= max) current += sentence;
    else {
      if (current.trim() !== '') out.push(current.trim());
      current = sentence;
    }
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}

function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') out.push(rest);
  return out;
}
