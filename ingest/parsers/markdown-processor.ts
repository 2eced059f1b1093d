import type { Root as HastRoot } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import remarkAbbreviations from './remark-abbreviations.ts';
import remarkContainers from './remark-containers.ts';
import remarkLiquid from './remark-liquid.ts';
import remarkPruneEmpty from './remark-prune-empty.ts';
import remarkStrayDirectives from './remark-stray-directives.ts';
import remarkTocMarker from './remark-toc-marker.ts';
import rehypeTaskListLabels from './rehype-task-list-labels.ts';

/**
 * The one Markdown processor: Markdown (GFM, front matter, VuePress / Jekyll extras) →
 * mdast → sanitised hast with heading ids. The sections, their anchors and text, and the
 * HTML the resource page shows all come from the tree it returns, so what is indexed is
 * what is shown.
 */

/** GitHub's schema (as on github.com), ids kept as written, scripts and styles gone with their content. */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  strip: ['script', 'style'],
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // A stray `---` block at the top of a body is front matter, not text.
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkDirective)
  .use(remarkStrayDirectives)
  .use(remarkLiquid)
  .use(remarkTocMarker)
  .use(remarkAbbreviations)
  .use(remarkContainers)
  .use(remarkPruneEmpty)
  .use(remarkRehype, {
    allowDangerousHtml: true,
    footnoteLabel: 'Notes',
    // Visible (GitHub hides it): the notes are a section of the page's table of contents.
    footnoteLabelProperties: {},
    footnoteBackLabel: (index, rereference) =>
      `Retour à l’appel de note ${index + 1}${rereference > 1 ? `-${rereference}` : ''}`,
  })
  .use(rehypeRawWhenNeeded)
  .use(rehypeSanitize, sanitizeSchema)
  // After sanitising, which would drop the aria-label (GitHub's schema allows none).
  .use(rehypeTaskListLabels)
  // After sanitising, so that ids are not prefixed: they are the section anchors.
  .use(rehypeSlug)
  .use(rehypeStringify)
  .freeze();

/** The sanitised hast tree of a Markdown file; warnings land in `file.messages`, abbreviations in `file.data.keywords`. */
export function markdownTree(file: VFile): HastRoot {
  return processor.runSync(processor.parse(file), file);
}

/** The HTML string of a tree made by markdownTree. */
export function treeHtml(tree: HastRoot): string {
  return processor.stringify(tree);
}

/**
 * rehype-raw re-parses the whole tree with parse5: only worth it when the page has raw
 * HTML, which needs a `<` in its source.
 */
function rehypeRawWhenNeeded() {
  const transform = rehypeRaw();
  return (tree: HastRoot, file: VFile): HastRoot | undefined =>
    String(file.value).includes('<') ? transform(tree, file) : undefined;
}
