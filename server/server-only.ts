/**
 * Marks a module as server-only: the server's entry modules import this file
 * before anything else, so a server module that ever reaches a browser bundle
 * fails loudly on load instead of running there quietly.
 *
 * Why not the npm package `server-only`: its main entry throws unless it is
 * resolved under React's `react-server` export condition, which only Next's
 * own server bundles set. Our server is plain Node run by tsx (server/main.ts
 * is a custom server, not Next route handlers), so importing that package
 * would crash it at start-up. This check needs no resolver condition: Node
 * has no `window`, a browser does.
 *
 * A throw at load cannot keep code out of a bundle; the static rule does:
 * server/server-only.test.ts fails when a file under app/, components/ or
 * lib/ imports from server/ (and when anything imports the npm package).
 */
if (typeof window !== 'undefined') {
  throw new Error(
    'cdcscope: a server module was loaded in the browser; app/, components/ and lib/ must not import from server/',
  );
}

// A module, not a script: isolatedModules needs an import or export.
export {};
