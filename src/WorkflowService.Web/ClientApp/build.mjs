// Bundles the browser assets into ../wwwroot/dist. Run by the web project's build (see the
// .csproj target BuildClientApp), so `dotnet run` needs nothing else.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const outdir = '../wwwroot/dist';
mkdirSync(outdir, { recursive: true });

await build({
  entryPoints: {
    app: 'src/app.js',
    designer: 'src/designer.js',
    viewer: 'src/viewer.js',
    site: 'src/site.css',
  },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir,
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});

writeFileSync(`${outdir}/.build-stamp`, new Date().toISOString());
