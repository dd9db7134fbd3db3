// The chart of a report as a Vega-Lite spec: for safety, the helpfulness–harmlessness frontier (over-refusal
// on safe prompts against compliance on unsafe ones, with 95% intervals as error bars, origin ideal); for
// reasoning, accuracy per pipeline with its interval.
import type { ChartSpec } from './render-chart.js';
import type { EvalReport } from '../../eval/build-eval-report.js';
import type { ReasoningSummary, SafetySummary } from '../../eval/summarize-eval.js';

const unitScale = { domain: [0, 1], nice: false };

function safetyChart(pipelines: SafetySummary[]): ChartSpec {
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

function reasoningChart(pipelines: ReasoningSummary[]): ChartSpec {
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

export function evalChart(report: EvalReport): ChartSpec {
  return report.suite === 'safety' ? safetyChart(report.pipelines as SafetySummary[]) : reasoningChart(report.pipelines as ReasoningSummary[]);
}
