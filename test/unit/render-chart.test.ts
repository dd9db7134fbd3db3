import { describe, expect, it } from 'vitest';
import { type ChartSpec, renderChart } from '../../src/render/charts/render-chart.ts';

const bars = (title?: string): ChartSpec => ({
  ...(title ? { title } : {}),
  width: 200,
  height: 100,
  data: {
    values: [
      { pipeline: 'plain', rate: 0.25 },
      { pipeline: 'cot', rate: 0.75 },
    ],
  },
  mark: 'bar',
  encoding: {
    x: { field: 'pipeline', type: 'nominal', axis: null },
    y: { field: 'rate', type: 'quantitative', axis: null },
  },
});

describe('renderChart', () => {
  it('returns a PNG, twice as many pixels across by default as at scale 1', async () => {
    const [sharp, plain] = await Promise.all([renderChart(bars()), renderChart(bars(), { scale: 1 })]);
    expect(sharp.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(sharp.svg).toContain('<svg');
    // PNG header: the width is a big-endian 32-bit integer at byte 16.
    expect(sharp.png.readUInt32BE(16)).toBe(plain.png.readUInt32BE(16) * 2);
  });

  it('draws text with the shipped font, so a title changes the pixels even with no system fonts', async () => {
    const withTitle = await renderChart(bars('Over-refusal'), { scale: 1 });
    const titleOnly = await renderChart(
      { ...bars('Over-refusal'), title: { text: 'Over-refusal', color: 'white' } },
      { scale: 1 },
    );
    expect(withTitle.png.readUInt32BE(20)).toBe(titleOnly.png.readUInt32BE(20));
    expect(withTitle.png.equals(titleOnly.png)).toBe(false);
  });
});
