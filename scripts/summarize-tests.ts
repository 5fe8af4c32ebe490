// Sums the JSON reports of every vitest run into the one closing line CI reads:
//   "N passed, N failed, N skipped"
// CI does not recognise vitest's own summary, and one run's summary says nothing about the
// others, so this line is the verdict. It must never read as green when something went
// wrong, so besides failed tests it counts, each as one failure:
//   - a run whose report is missing or unreadable (vitest crashed, or never started);
//   - a test file that failed without a failed test (import error, a failing hook);
//   - a run that executed no test at all (a wrong glob or a skipped tier must not pass);
//   - a run whose vitest exited non-zero with none of the above (unhandled errors);
//   - a check named with --failed-check (lint, typecheck, format, imports, unused) that failed
//     before the tests.
//
// Usage: tsx scripts/summarize-tests.ts [--dir test-output] [--failed-check NAME]... RUN=EXIT...
//   RUN names the report (test-output/RUN.json), EXIT is the exit code vitest returned.
// Exits 1 when anything failed, else 0.
//
// TypeScript rather than .mjs so that the type-aware lint and tsc cover it like the rest.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The fields of vitest's JSON reporter (Jest-compatible) that the verdict needs. */
interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  numFailedTestSuites?: number;
  testResults?: {
    name?: string;
    status?: string;
    message?: string;
    assertionResults?: { status?: string }[];
  }[];
}

interface Run {
  name: string;
  exit: number;
}

let dir = 'test-output';
const runs: Run[] = [];
const failedChecks: string[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? '';
  if (arg === '--dir') dir = args[++i] ?? dir;
  else if (arg === '--failed-check') failedChecks.push(args[++i] ?? 'a check');
  else {
    const m = /^([\w.-]+)=(\d+)$/.exec(arg);
    if (!m?.[1] || !m[2]) {
      console.error(`summarize-tests: cannot read argument ${JSON.stringify(arg)} (want RUN=EXIT)`);
      process.exit(2);
    }
    runs.push({ name: m[1], exit: Number(m[2]) });
  }
}

const total = { passed: 0, failed: 0, skipped: 0 };
const problems: string[] = [];

for (const check of failedChecks) {
  total.failed += 1;
  problems.push(`${check} failed (see its output above)`);
}

for (const run of runs) {
  const file = path.join(dir, `${run.name}.json`);
  let report: VitestReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  } catch (err) {
    total.failed += 1;
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    const exit = run.exit === 124 ? 'timed out (exit 124)' : `exited ${run.exit}`;
    problems.push(`${run.name}: no readable report at ${file} (vitest ${exit}): ${why}`);
    console.log(`  ${run.name.padEnd(10)} crashed: no report`);
    continue;
  }

  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

  // A file that failed while none of its tests did errored outside a test.
  for (const result of report.testResults ?? []) {
    const failedTests = (result.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (result.status === 'failed' && failedTests === 0) {
      failed += 1;
      const where = path.relative(process.cwd(), result.name ?? '?');
      problems.push(
        `${run.name}: ${where} failed outside any test: ${firstLine(result.message) || 'see the log above'}`,
      );
    }
  }
  // A failing describe-level hook leaves a failed suite behind tests marked skipped.
  if (failed === 0 && (report.numFailedTestSuites ?? 0) > 0) {
    failed += 1;
    problems.push(
      `${run.name}: ${report.numFailedTestSuites} suite(s) failed with no failed test (a hook?)`,
    );
  }
  if (passed + failed === 0) {
    failed += 1;
    problems.push(
      `${run.name}: ran no test (${skipped} skipped); a run that tests nothing is not a pass`,
    );
  }
  if (failed === 0 && run.exit !== 0) {
    failed += 1;
    problems.push(
      `${run.name}: vitest exited ${run.exit} although every test passed (unhandled error? see the log)`,
    );
  }

  console.log(`  ${run.name.padEnd(10)} ${passed} passed, ${failed} failed, ${skipped} skipped`);
  total.passed += passed;
  total.failed += failed;
  total.skipped += skipped;
}

if (runs.length === 0) {
  total.failed += 1;
  problems.push('no test run was given: nothing was tested');
}

for (const p of problems) console.log(`  FAILED: ${p}`);
// The closing line, alone and last: CI reads it.
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]?.slice(0, 200) ?? '';
}
