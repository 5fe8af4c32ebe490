// Which folder of src/ may import which (design.md, "Dependencies point inward"), checked on
// every import, type-only ones included. Each folder may import only the folders named in its
// rule below, and together they form a graph without a loop, so no cycle between folders can
// be written:
//
//   core  <-  vc, db, http, web, email (everything knows the domain)
//   db    <-  email (the outbox worker claims through the repositories)
//   vc    <-  http  <-  web (pages use http's response helpers, never the reverse)
//   main  imports them all: it is the only place that wires them together
//
// Test files may import anything they test.
const notTest = '\\.test\\.tsx?$';

/** A rule refusing imports from `folder` to anything outside `allowed` (folders of src/). */
function only(folder, allowed, comment) {
  return {
    name: `${folder}-imports-only-${allowed.join('-')}`,
    comment,
    severity: 'error',
    from: { path: `^src/${folder}/`, pathNot: notTest },
    to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'An import cycle between files (type-only imports count: they still tie the files together).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    only(
      'core',
      ['core'],
      'The core is the domain: it reaches the outside only through its ports.',
    ),
    {
      name: 'core-uses-only-its-libraries',
      comment:
        'The core stays pure: zod for input schemas and node:crypto for tokens, nothing else.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: notTest },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-no-pkg',
          'npm-unknown',
          'core',
        ],
        pathNot: '((^|/)node_modules/zod/|^crypto$|^node:crypto$)',
      },
    },
    only(
      'vc',
      ['vc', 'core'],
      'Credential documents, signing and verifying know the core types, nothing else.',
    ),
    only(
      'db',
      ['db', 'core'],
      'Repositories implement the core ports; they receive their configuration as plain values.',
    ),
    only(
      'email',
      ['email', 'core', 'db'],
      'The outbox worker claims its messages through the repositories.',
    ),
    only(
      'http',
      ['http', 'core', 'vc'],
      'The HTTP layer calls use cases; web pages plug into it from main/, never the reverse.',
    ),
    only(
      'web',
      ['web', 'http', 'core', 'vc'],
      'Pages call use cases: never the database, never the mailer.',
    ),
    {
      name: 'no-importing-tests',
      comment: 'Source code never depends on test code.',
      severity: 'error',
      from: { path: '^src/', pathNot: notTest },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
  ],
  options: {
    // Packages and built-ins are leaves: seen (so the core's library rule can refuse them),
    // never walked into.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/assets/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are edges too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};
