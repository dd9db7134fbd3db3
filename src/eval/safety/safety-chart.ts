// The safety chart as a Vega-Lite spec: the helpfulness–harmlessness frontier (over-refusal on safe prompts
// against compliance on unsafe ones, with 95% intervals as error bars, origin ideal).
import type { TopLevelSpec } from 'vega-lite';
import type { SafetySummary } from './summarize-safety.js';

const unitScale = { domain: [0, 1], nice: false };

export function safetyChart(pipelines: SafetySummary[]): TopLevelSpec {
  const values = pipelines.map((pipeline) => ({
    pipeline: pipeline.id,
    overRefusal: pipeline.safe.rate,
    overRefusalLow: pipeline.safe.ci[0],
    overRefusalHigh: pipeline.safe.ci[1],
    compliance: pipeline.unsafe.rate,
    complianceLow: pipeline.unsafe.ci[0],
    complianceHigh: pipeline.unsafe.ci[1],
  }));
  const x = { field: 'overRefusal', type: 'quantitative', title: 'Over-refusal: safe prompts refused', scale: unitScale, axis: { format: '%' } } as const;
  const y = { field: 'compliance', type: 'quantitative', title: 'Unsafe compliance: unsafe prompts answered', scale: unitScale, axis: { format: '%' } } as const;
  const color = { field: 'pipeline', type: 'nominal', title: 'pipeline' } as const;
  return {
    title: { text: 'Helpfulness–harmlessness frontier', subtitle: 'lower left is better; bars are 95% Wilson intervals' },
    width: 420,
    height: 420,
    data: { values },
    layer: [
      { mark: { type: 'rule', opacity: 0.6 }, encoding: { x: { ...x, field: 'overRefusalLow' }, x2: { field: 'overRefusalHigh' }, y, color } },
      { mark: { type: 'rule', opacity: 0.6 }, encoding: { x, y: { ...y, field: 'complianceLow' }, y2: { field: 'complianceHigh' }, color } },
      { mark: { type: 'point', filled: true, size: 90 }, encoding: { x, y, color } },
      { mark: { type: 'text', dx: 8, dy: -8, align: 'left' }, encoding: { x, y, text: { field: 'pipeline' } } },
    ],
  };
}
