import { formatDay } from '../analytics/search-analytics-view.ts';

/**
 * A chart of one value per day as server-rendered SVG (no script): bars for counts, a
 * line for rates. It is an image with a title and a description saying what it shows in
 * words; the numbers themselves are in the table that follows it on the page.
 */

export interface DayChartProps {
  /** Unique on the page: the title's and description's ids derive from it. */
  id: string;
  title: string;
  description: string;
  kind: 'bar' | 'line';
  /** One point per day, oldest first; null: nothing to show that day (a gap in the line). */
  points: { day: string; value: number | null }[];
  /** The top of the scale: a count rounded up, or at most 1 for a rate. */
  max: number;
  formatValue: (value: number) => string;
}

// A narrow box with large text: scaled to a phone's width, labels stay readable.
const width = 480;
const height = 220;
const margin = { top: 14, right: 14, bottom: 36, left: 64 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

/** The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1). */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

/** The top of a rate's scale: 10 %, 20 %, 50 % or 100 %. */
export function rateCeiling(value: number): number {
  return [0.1, 0.2, 0.5, 1].find((top) => top >= value) ?? 1;
}

export function DayChart(props: DayChartProps) {
  const { points, max } = props;
  const slot = plotWidth / Math.max(points.length, 1);
  const x = (index: number) => margin.left + slot * (index + 0.5);
  const y = (value: number) => margin.top + plotHeight * (1 - Math.min(value / max, 1));
  // A middle line only where it falls on a value worth printing (not 2.5 searches).
  const ticks = props.kind === 'bar' && !Number.isInteger(max / 2) ? [0, max] : [0, max / 2, max];
  // First, middle and last days: enough to read the period without crowding a phone.
  const labelled = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])].filter(
    (index) => index >= 0,
  );
  const titleId = `${props.id}-titre`;
  const descriptionId = `${props.id}-description`;
  return (
    <svg
      class="rp-chart"
      role="img"
      aria-labelledby={`${titleId} ${descriptionId}`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>{props.title}</title>
      <desc id={descriptionId}>{props.description}</desc>
      <g aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              class="rp-chart__grid"
              x1={margin.left}
              x2={width - margin.right}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text class="rp-chart__label" x={margin.left - 8} y={y(tick) + 5} text-anchor="end">
              {props.formatValue(tick)}
            </text>
          </g>
        ))}
        {labelled.map((index) => (
          <text
            key={index}
            class="rp-chart__label"
            x={x(index)}
            y={height - 10}
            text-anchor={index === 0 ? 'start' : index === points.length - 1 ? 'end' : 'middle'}
          >
            {formatDay(points[index]?.day ?? '').slice(0, 5)}
          </text>
        ))}
        {props.kind === 'bar' ? <Bars {...props} slot={slot} x={x} y={y} /> : null}
        {props.kind === 'line' ? <Line points={points} x={x} y={y} /> : null}
      </g>
    </svg>
  );
}

function Bars(
  props: DayChartProps & { slot: number; x: (index: number) => number; y: (v: number) => number },
) {
  const barWidth = Math.max(props.slot * 0.7, 1);
  return (
    <>
      {props.points.map((point, index) =>
        point.value === null || point.value === 0 ? null : (
          <rect
            key={point.day}
            class="rp-chart__bar"
            x={props.x(index) - barWidth / 2}
            y={props.y(point.value)}
            width={barWidth}
            height={props.y(0) - props.y(point.value)}
          />
        ),
      )}
    </>
  );
}

/** A polyline per run of days with a value, and a dot on each: a lone day stays visible. */
function Line(props: {
  points: DayChartProps['points'];
  x: (index: number) => number;
  y: (v: number) => number;
}) {
  const runs: string[][] = [];
  let run: string[] = [];
  props.points.forEach((point, index) => {
    if (point.value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
      return;
    }
    run.push(`${round(props.x(index))},${round(props.y(point.value))}`);
  });
  if (run.length > 0) runs.push(run);
  return (
    <>
      {runs.map((coordinates) => (
        <polyline key={coordinates[0]} class="rp-chart__line" points={coordinates.join(' ')} />
      ))}
      {props.points.map((point, index) =>
        point.value === null ? null : (
          <circle
            key={point.day}
            class="rp-chart__dot"
            cx={round(props.x(index))}
            cy={round(props.y(point.value))}
            r={3}
          />
        ),
      )}
    </>
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
