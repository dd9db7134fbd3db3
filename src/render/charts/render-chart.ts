// Vega-Lite spec → PNG for Discord attachments and reports: compile to Vega, render headless to SVG
// (renderer 'none', no canvas), rasterise with resvg. Text uses DejaVu Sans shipped in node_modules, so
// charts look the same on machines without any system fonts (CI). Knows nothing about what is plotted.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const require = createRequire(import.meta.url);
const FONT_FAMILY = 'DejaVu Sans';
const fontDirectory = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => path.join(fontDirectory, file));

export type ChartSpec = TopLevelSpec;

export interface ChartImage {
  svg: string;
  png: Buffer;
}

/** Renders a Vega-Lite spec at `scale` × its pixel size (2 keeps text sharp on high-density screens). */
export async function renderChart(spec: ChartSpec, options: { scale?: number } = {}): Promise<ChartImage> {
  const themed = { ...spec, config: { font: FONT_FAMILY, background: 'white', ...spec.config } } as ChartSpec;
  const view = new vega.View(vega.parse(compile(themed).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG(options.scale ?? 2);
    const png = new Resvg(svg, {
      font: {
        fontFiles: FONT_FILES,
        loadSystemFonts: false,
        defaultFontFamily: FONT_FAMILY,
        sansSerifFamily: FONT_FAMILY,
      },
    })
      .render()
      .asPng();
    return { svg, png };
  } finally {
    view.finalize();
  }
}
