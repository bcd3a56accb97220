#!/usr/bin/env node
// `npx numnode <command>`: config, bench, showcase. Each command loads only what it
// needs, so `numnode config` stays fast.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const USAGE = `usage: numnode <command> [options]

commands:
  config [--json]                        what numnode runs on (np.showConfig()); --json: config() as JSON
  bench [--filter <re>] [--quick] [--json] [--out <dir>]
                                         the benchmark suite against NumPy, plain JS and the TS backend
  showcase [--quick]                     NumPy's HPC tutorial, walked through with numnode
  help, --help                           this text
  --version                              numnode's version

exit codes: 0 success, 1 a failure (a check, a benchmark error), 2 a usage error`;

async function config(args: readonly string[]): Promise<number> {
  if (args.some((a) => a !== '--json')) {
    process.stderr.write(`numnode config: unknown option '${args.find((a) => a !== '--json')!}'\n`);
    return 2;
  }
  // Loaded on demand: loading numnode loads the addon.
  const { config: cfg, configText } = await import('../config');
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(cfg(), null, 2)}\n` : `${configText()}\n`);
  return 0;
}

function bench(args: readonly string[]): number {
  // The runner is compiled separately (bench/tsconfig.json) into dist/bench, and it
  // forks its own workers; it runs as a child so that its exit code is ours.
  const runner = join(__dirname, '..', 'bench', 'run.js');
  if (!existsSync(runner)) {
    process.stderr.write(`numnode bench: the benchmark runner is not built (${runner} is missing); run \`npm run build:ts\`\n`);
    return 1;
  }
  const r = spawnSync(process.execPath, [runner, ...args], { stdio: 'inherit' });
  if (r.error) {
    process.stderr.write(`numnode bench: ${r.error.message}\n`);
    return 1;
  }
  return r.status ?? 1;
}

async function showcase(args: readonly string[]): Promise<number> {
  const { showcaseMain } = await import('../showcase');
  return showcaseMain(args);
}

/** Runs one command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'config': return config(rest);
    case 'bench': return bench(rest);
    case 'showcase': return showcase(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case '--version':
    case '-v':
      process.stdout.write(`${(await import('../config')).version}\n`);
      return 0;
    default:
      process.stderr.write(`numnode: unknown command '${cmd}'\n\n${USAGE}\n`);
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`numnode: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
