// A line chart over time, drawn by uPlot, which loads only when a chart is first shown. Each
// chart also offers its numbers as a table, for screen readers and for copying.
import { useEffect, useRef, useState } from 'react';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  label: string;
  color: string;
  values: (number | null)[];
}

export function TimeSeriesChart({
  title,
  times,
  labels,
  series,
  unit,
}: {
  title: string;
  /** Start of each point (a report bucket), in seconds since the epoch. */
  times: number[];
  /** Each point's name in the data table, e.g. its local date. */
  labels: string[];
  series: Series[];
  unit?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | null =
      null;
    let observer: ResizeObserver | null = null;
    let cancelled = false;
    import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        const width = Math.max(element.clientWidth, 240);
        chart = new UPlot(
          {
            width,
            height: 220,
            series: [
              {},
              ...series.map((line) => ({
                label: line.label,
                stroke: line.color,
                width: 2,
                points: { show: times.length <= 31 },
                value: (_: unknown, value: number | null) =>
                  value === null ? '–' : `${Math.round(value * 10) / 10}${unit ? ` ${unit}` : ''}`,
              })),
            ],
            axes: [{}, { size: 50 }],
            scales: { x: { time: true } },
            legend: { live: true },
          },
          [times, ...series.map((line) => line.values)],
          element,
        );
        observer = new ResizeObserver(() =>
          chart?.setSize({ width: Math.max(element.clientWidth, 240), height: 220 }),
        );
        observer.observe(element);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [times, series, unit]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="chart-canvas" aria-hidden="true" />
      {failed && <p className="error small">The chart could not be drawn.</p>}
      <details>
        <summary>Data table</summary>
        <table className="data-table compact">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              {series.map((line) => (
                <th scope="col" key={line.label}>
                  {line.label}
                  {unit ? ` (${unit})` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((time, index) => (
              <tr key={time}>
                <th scope="row">{labels[index]}</th>
                {series.map((line) => (
                  <td key={line.label}>
                    {line.values[index] === null || line.values[index] === undefined
                      ? '–'
                      : Math.round((line.values[index] ?? 0) * 10) / 10}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
