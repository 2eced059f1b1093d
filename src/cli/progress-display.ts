import { Presets, SingleBar } from 'cli-progress';

/**
 * How a long command shows its progress: a bar on a terminal; otherwise (a log, CI) a line
 * when it starts and one per tenth of the items, so the output stays short.
 */
export interface ProgressDisplay {
  /** The total is known: the bar starts, or `line` says what begins. */
  start(total: number, line: string): void;
  /** `done` items of `total`, the last being `item`; `always` prints its line between tenths too. */
  advance(done: number, total: number, item: string, line: string, always?: boolean): void;
  /** A message on its own line. */
  note(line: string): void;
  stop(): void;
}

export function createProgressDisplay(
  stream: NodeJS.WriteStream,
  /** What the bar is labelled with, and what it counts (« Liens », « adresses »). */
  label: { name: string; unit: string },
): ProgressDisplay {
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label.name} [{bar}] {value}/{total} ${label.unit} · {item}`,
        stream,
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
    return {
      start: (total) => bar.start(total, 0, { item: '' }),
      advance: (done, _total, item) => bar.update(done, { item }),
      note: (line) => stream.write(`${line}\n`),
      stop: () => bar.stop(),
    };
  }
  let step = 1;
  return {
    start: (total, line) => {
      step = Math.max(1, Math.ceil(total / 10));
      stream.write(`${line}\n`);
    },
    advance: (done, total, _item, line, always = false) => {
      if (always || done % step === 0 || done === total) stream.write(`  ${line}\n`);
    },
    note: (line) => stream.write(`${line}\n`),
    stop: () => undefined,
  };
}
