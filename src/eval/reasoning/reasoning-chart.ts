// The reasoning chart as a Vega-Lite spec: accuracy per pipeline with its 95% interval.
import type { TopLevelSpec } from 'vega-lite';
import type { ReasoningSummary } from './summarize-reasoning.js';

const unitScale = { domain: [0, 1], nice: false };

export function reasoningChart(pipelines: ReasoningSummary[]): TopLevelSpec {
  const values = pipelines.map((pipeline) => ({ pipeline: pipeline.id, accuracy: pipeline.accuracy.rate, low: pipeline.accuracy.ci[0], high: pipeline.accuracy.ci[1] }));
  const x = { field: 'pipeline', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } } as const;
  return {
    title: { text: 'Accuracy', subtitle: 'exact final-number match; bars are 95% Wilson intervals' },
    width: { step: 70 },
    height: 300,
    data: { values },
    layer: [
      { mark: { type: 'bar', opacity: 0.8 }, encoding: { x, y: { field: 'accuracy', type: 'quantitative', title: 'accuracy', scale: unitScale, axis: { format: '%' } }, color: { field: 'pipeline', type: 'nominal', legend: null } } },
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
    ],
  };
}
