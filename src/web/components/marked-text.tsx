import { markSegments } from '../highlight.ts';

/** Text with the words of a search in <mark>, as JSX: Preact escapes every segment. */
export function MarkedText({ text, terms }: { text: string; terms: string[] }) {
  return (
    <>
      {markSegments(text, terms).map((segment, i) =>
        segment.marked ? <mark key={i}>{segment.text}</mark> : segment.text,
      )}
    </>
  );
}

/** Plain text cut into paragraphs at blank lines; line breaks inside are kept by CSS. */
export function Paragraphs({ text, terms }: { text: string; terms: string[] }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return (
    <>
      {paragraphs.map((paragraph, i) => (
        <p class="rp-text" key={i}>
          <MarkedText text={paragraph} terms={terms} />
        </p>
      ))}
    </>
  );
}
