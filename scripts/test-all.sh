#!/usr/bin/env bash
# Every test tier, one after another, ending with one line that sums them all:
#   "N passed, N failed, N skipped"
# `npm test` runs this on a developer's machine; .ci/run provisions the machine (packages,
# PostgreSQL, Chromium), sets the strict flags below and runs this same script, so what
# passes here is what CI checks.
#
# The runs (see vitest.config.ts for the projects):
#   sqlite    unit + contract + e2e on the embedded SQLite (TEST_DATABASE_URL unset)
#   postgres  contract + e2e with TEST_DATABASE_URL: both on PostgreSQL only (the sqlite run
#             already covered SQLite, so each contract suite runs once per dialect)
#   browser   the browser project in Chromium (/usr/bin/chromium)
#
# Options:
#   --with-checks   run the conventions' checks first, each failure counting like a failed
#                   test: lint (zero warnings), typecheck, prettier --check, the import rules
#                   (dependency-cruiser: no cycles, no forbidden direction; .dependency-cruiser.cjs)
#                   and unused exports, files and dependencies (knip, at zero findings)
#
# Environment:
#   TEST_DATABASE_URL          PostgreSQL for the postgres run (default: the local server,
#                              postgres://postgres@127.0.0.1:5432/test, when it answers)
#   LAUREL_REQUIRE_POSTGRES=1  run the postgres run even if the server does not answer, so
#                              it fails rather than being skipped (CI)
#   LAUREL_REQUIRE_BROWSER=1   run the browser tier even without Chromium, and tell the
#                              tests to fail rather than skip (CI)
#   LAUREL_RUN_TIMEOUT         cap each vitest run (e.g. 25m) so a hung run cannot eat
#                              CI's whole time budget before the summary is printed
#   LAUREL_TEST_WORKERS        test files run in parallel per run (default: the core count;
#                              vitest's own default, cores-1, is 1 on a 2-core machine, and
#                              these tests mostly wait on databases and sockets)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly OUT=test-output
readonly LOCAL_PG_URL=postgres://postgres@127.0.0.1:5432/test
readonly CHROMIUM=/usr/bin/chromium
readonly VITEST=node_modules/.bin/vitest
WORKERS=${LAUREL_TEST_WORKERS:-$(node -p 'require("node:os").availableParallelism()')}

with_checks=0
for arg in "$@"; do
  case "$arg" in
    --with-checks) with_checks=1 ;;
    *) echo "test-all.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [[ ! -x "$VITEST" ]]; then
  echo "node_modules is missing: run 'npm ci' first." >&2
  exit 2
fi

runs=()          # RUN=EXIT pairs for scripts/summarize-tests.ts
failed_checks=() # names of the --with-checks checks that failed
notes=()         # what was skipped and why, repeated just before the closing line
timings=()       # "stage: N s", printed at the end to keep an eye on CI's 90-minute budget

# Old reports would hide a run that crashed before writing its own: start empty.
rm -rf "$OUT"
mkdir -p "$OUT"

# Runs one stage, timing it; a failing stage is recorded, never aborts the others.
stage() {
  local name=$1 start=$SECONDS rc=0
  shift
  echo
  echo "==> $name: $*"
  "$@" || rc=$?
  timings+=("$name: $((SECONDS - start)) s (exit $rc)")
  echo "<== $name: exit $rc after $((SECONDS - start)) s"
  return "$rc"
}

# One vitest run writing test-output/NAME.json:
#   vitest_run NAME [env arguments: VAR=value, -u VAR]... -- [vitest arguments]...
vitest_run() {
  local name=$1 rc=0 env_args=()
  shift
  while [[ $# -gt 0 && $1 != -- ]]; do env_args+=("$1"); shift; done
  shift # the --
  local cap=()
  if [[ -n "${LAUREL_RUN_TIMEOUT:-}" ]]; then
    cap=(timeout --kill-after=30s "$LAUREL_RUN_TIMEOUT")
  fi
  stage "$name" ${cap[@]+"${cap[@]}"} env ${env_args[@]+"${env_args[@]}"} "$VITEST" run "$@" \
    --maxWorkers="$WORKERS" \
    --reporter=default --reporter=json --outputFile.json="$OUT/$name.json" || rc=$?
  if [[ $rc -eq 124 ]]; then echo "!!! $name timed out after $LAUREL_RUN_TIMEOUT"; fi
  runs+=("$name=$rc")
}

# Says why a run was skipped now, and again just before the closing line.
skip_note() {
  notes+=("$1")
  echo
  echo "!!! $1"
}

# True when PostgreSQL answers a query at $1 (checks the database and role exist too, which
# pg_isready does not). Uses the project's own pg driver: nothing else needs installing.
pg_answers() {
  node --input-type=module -e "
    import pg from 'pg';
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    try { await client.connect(); await client.query('select 1'); await client.end(); }
    catch (err) { console.error(String(err.message || err)); process.exit(1); }" "$1"
}

# Each PostgreSQL test file makes a database of its own (laurel_t_…) and drops it at the end;
# a run that was killed leaves some behind. Nothing else is running now, so drop them all.
drop_leftover_test_databases() {
  node --input-type=module -e "
    import pg from 'pg';
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    await client.connect();
    const { rows } = await client.query(\"select datname from pg_database where datname like 'laurel\\\\_t\\\\_%'\");
    for (const { datname } of rows) await client.query('drop database if exists ' + datname + ' with (force)');
    if (rows.length) console.log('dropped ' + rows.length + ' leftover test databases');
    await client.end();" "$1"
}

if [[ $with_checks -eq 1 ]]; then
  stage lint npm run --silent lint || failed_checks+=(lint)
  stage typecheck npm run --silent typecheck || failed_checks+=(typecheck)
  stage format npm run --silent format:check || failed_checks+=(format)
  stage imports npm run --silent check:deps || failed_checks+=(imports)
  stage unused npm run --silent check:unused || failed_checks+=(unused)
fi

# 1. SQLite: unset TEST_DATABASE_URL even if the caller exported it, so this run really is
#    the embedded database.
vitest_run sqlite -u TEST_DATABASE_URL -- --project unit --project contract --project e2e

# 2. PostgreSQL: an explicit TEST_DATABASE_URL or LAUREL_REQUIRE_POSTGRES means "must run";
#    otherwise run only if the local server answers, and say so loudly when it does not.
pg_url=${TEST_DATABASE_URL:-$LOCAL_PG_URL}
if [[ -n "${TEST_DATABASE_URL:-}" || "${LAUREL_REQUIRE_POSTGRES:-}" == 1 ]] || pg_answers "$pg_url"; then
  drop_leftover_test_databases "$pg_url" || true
  vitest_run postgres TEST_DATABASE_URL="$pg_url" -- --project contract --project e2e
else
  skip_note "PostgreSQL not reachable: skipped the PostgreSQL run (start it, or set TEST_DATABASE_URL; CI always runs it)"
fi

# 3. Browser: same database choice as a developer's default (SQLite), so this tier tests
#    what a person clicks, not the database. CI requires Chromium; locally it is optional.
if [[ -x "$CHROMIUM" || "${LAUREL_REQUIRE_BROWSER:-}" == 1 ]]; then
  vitest_run browser -u TEST_DATABASE_URL LAUREL_REQUIRE_BROWSER="${LAUREL_REQUIRE_BROWSER:-}" -- --project browser
else
  skip_note "Chromium not found at $CHROMIUM: skipped the browser tests (apt-get install chromium; CI always runs them)"
fi

echo
echo "==> timings"
for t in ${timings[@]+"${timings[@]}"}; do echo "  $t"; done
for n in ${notes[@]+"${notes[@]}"}; do echo "  SKIPPED: $n"; done
echo "==> summary of all runs"
summary_args=()
for c in ${failed_checks[@]+"${failed_checks[@]}"}; do summary_args+=(--failed-check "$c"); done
# exec: the summariser prints the closing line last and its exit code is ours.
exec node_modules/.bin/tsx scripts/summarize-tests.ts --dir "$OUT" ${summary_args[@]+"${summary_args[@]}"} "${runs[@]}"
