// Bundles the browser assets into ../wwwroot/dist. Run by the web project's build (see the
// .csproj target BuildClientApp), so `dotnet run` needs nothing else.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const outdir = '../wwwroot/dist';
mkdirSync(outdir, { recursive: true });

await build({
  // Every top-level src/*.js or src/*.css is a bundle of the same name (src/inbox.js → dist/inbox.js,
  // and dist/inbox.css for the CSS it imports). A .css entry must not share its name with a .js entry.
  entryPoints: Object.fromEntries(readdirSync('src')
    .filter(f => /\.(js|css)$/.test(f))
    .map(f => [f.replace(/\.(js|css)$/, ''), `src/${f}`])),
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
