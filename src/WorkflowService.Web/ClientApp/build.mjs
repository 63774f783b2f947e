// Bundles the browser assets into ../wwwroot/dist. Run by the web project's build (see the
// .csproj target BuildClientApp) with the build configuration, so `dotnet run` needs nothing else.
//   node build.mjs --mode=release   minified, no source maps (what Release builds ship)
//   node build.mjs [--mode=debug]   readable bundles with linked source maps
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const modeArg = process.argv.slice(2).find(a => a.startsWith('--mode='));
const mode = (modeArg?.slice('--mode='.length) ?? 'debug').toLowerCase();
if (mode !== 'release' && mode !== 'debug') {
  console.error(`build.mjs: unknown --mode=${mode} (release or debug)`);
  process.exit(2);
}
const release = mode === 'release';

const outdir = '../wwwroot/dist';
// The csproj's Inputs/Outputs check looks for the stamp of the mode it builds (in obj/, so that it is
// not published). Only the last build's stamp may be there: switching mode, or back, rebuilds.
const stampDir = '../obj';
const stamp = name => `${stampDir}/client-app-${name}.stamp`;
for (const each of ['release', 'debug']) rmSync(stamp(each), { force: true });
// Start empty: a Release build must not leave a Debug build's maps behind.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

await build({
  // Every top-level src/*.js or src/*.css is a bundle of the same name (src/inbox.js → dist/inbox.js,
  // and dist/inbox.css for the CSS it imports). A .css entry must not share its name with a .js entry.
  // Modules in subfolders (src/lib, src/designer, src/styles) are only imported.
  entryPoints: Object.fromEntries(readdirSync('src')
    .filter(f => /\.(js|css)$/.test(f))
    .map(f => [f.replace(/\.(js|css)$/, ''), `src/${f}`])),
  bundle: true,
  minify: release,
  // Release bundles name no map: the service serves maps only in Development (StaticAssets.cs),
  // and a sourceMappingURL that answers 404 only fills the browser console.
  sourcemap: release ? false : 'linked',
  define: { 'process.env.NODE_ENV': JSON.stringify(release ? 'production' : 'development') },
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir,
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});

mkdirSync(stampDir, { recursive: true });
writeFileSync(stamp(mode), new Date().toISOString());
