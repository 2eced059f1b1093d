import { VFile } from 'vfile';
import { markdownTree, treeHtml } from './parsers/markdown-processor.ts';

/**
 * The publish form's preview: the text through the one Markdown processor (sanitised,
 * front matter left out), so that the preview is what the resource page will show.
 * @param markdown the text of the form's text area
 */
export function markdownPreview(markdown: string): string {
  return treeHtml(markdownTree(new VFile(markdown)));
}
