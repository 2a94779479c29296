/**
 * PNG download of a chart (issue 5 item 7). The SVG the page shows is rasterised on the server with
 * resvg compiled to WebAssembly, so no platform-specific binary is needed. WebAssembly cannot see
 * the system's fonts, so DejaVu Sans (shipped as TTF files by the dejavu-fonts-ttf package) is passed
 * in as buffers; the charts ask for "Arial, DejaVu Sans, sans-serif" and fall back to it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);

interface Rasteriser {
  fonts: Uint8Array[];
}

let ready: Promise<Rasteriser> | undefined;

async function load(): Promise<Rasteriser> {
  const wasmPath = join(dirname(require.resolve('@resvg/resvg-wasm')), 'index_bg.wasm');
  const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const [wasm, regular, bold] = await Promise.all([
    readFile(wasmPath),
    readFile(join(fontDir, 'DejaVuSans.ttf')),
    readFile(join(fontDir, 'DejaVuSans-Bold.ttf')),
  ]);
  await initWasm(wasm);
  return { fonts: [regular, bold] };
}

/** Once per process: initWasm may be called only once. A failed load is retried next time. */
function rasteriser(): Promise<Rasteriser> {
  if (!ready) {
    ready = load().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
  }
  return ready;
}

/** Render an SVG string (from charts.ts) to PNG at its own width and height, on white. */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { fonts } = await rasteriser();
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'original' },
    font: { fontBuffers: fonts, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  try {
    const image = resvg.render();
    try {
      return Buffer.from(image.asPng());
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
