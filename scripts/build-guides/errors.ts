import { ReperesError } from '../../src/errors.ts';

/** A guide source that cannot be rendered, with a French reason naming the file and the fault. */
export class GuideSourceError extends ReperesError {
  override name = 'GuideSourceError';
  constructor(
    /** The source file, as given to the build (relative path or name). */
    readonly source: string,
    /** What is wrong, in French, without the file name. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('invalid_guide_source', `${source} : ${reason}`, options);
  }
}
