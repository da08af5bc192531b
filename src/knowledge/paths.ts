/**
 * Path facts: what a file is *for*, decided once per file from its path (and, for generated code, the first
 * bytes of its text) and carried on the SourceFile, so that every reader, detector and rule asks the same
 * question the same way (DESIGN.md "Precision").
 *
 * - `live`: a program or tool reads it at run time (RULES.md "Which files are live"). Not live: template and
 *   backup copies, docs, test fixtures and vectors named as such.
 * - `test`: test code or test data (a `test/`, `tests/`, `__tests__/`, `spec/`, `testdata/`, `fixtures/`,
 *   `mocks/`, `cassettes/` folder, or a test file name such as `*_test.go`, `test_*.py`, `*.spec.ts`).
 *   Passwords of users a test creates itself, recorded HTTP cassettes, mocks and sandbox tokens live here.
 * - `example`: documentation examples and samples (`examples/`, `samples/`, `*.example`, `*.sample`).
 * - `docs`: prose (Markdown, reStructuredText, …), a `docs/` folder, or UI translations (`locales/`, `*.po`).
 * - `generated`: machine-written (lockfiles, minified bundles, source maps, checksum lists, protobuf
 *   output, files whose head says "Code generated … DO NOT EDIT").
 * - `vendored`: third-party code copied into the repository (`vendor/`, `third_party/`, `node_modules/`).
 *
 * A finding's confidence is judged against these facts: a formatted key (AKIA…, a PEM block, a service token
 * with a fixed prefix) is reported wherever it stands; a generic `password = "…"` match is reported only in
 * files that are none of test, example, docs, generated or vendored.
 */

export interface PathFacts {
  readonly live: boolean;
  readonly test: boolean;
  readonly example: boolean;
  readonly docs: boolean;
  readonly generated: boolean;
  readonly vendored: boolean;
}

/** The last segment of a `/`-separated path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The folder of a `/`-separated repository path (`""` for the top folder). */
export function dirName(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/**
 * A copy kept as a template or backup (`config.example`, `.env.sample`, `.env.defaults`, `x.orig`): no program
 * reads it at run time.
 */
export function isTemplateCopy(path: string): boolean {
  const base = baseName(path.toLowerCase());
  return /\.(?:example|sample|template|tmpl|tpl|dist|orig|bak)$/.test(base) || /^\.env\.(?:example|sample|template|defaults|dist)$/.test(base);
}

const DOC_EXTENSION = /\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt|rdoc|textile|org|html?|ipynb)$/;

/** Files no program reads at run time (RULES.md "Which files are live"). */
export function isLivePath(path: string): boolean {
  const p = path.toLowerCase();
  const base = baseName(p);
  if (isTemplateCopy(path)) return false;
  if (/(?:^|[._-])(?:example|sample)[._-]/.test(base)) return false;
  if (/\.(?:md|markdown|mdx|rst|adoc|asciidoc|txt|rdoc|textile|org)$/.test(base)) return false;
  if (/(?:^|\/)(?:__fixtures__|testdata|test_data|__snapshots__|test-vectors|test_vectors|testvectors)\//.test(p)) return false;
  if (/(?:^|\/)(?:test|tests|spec|specs|__tests__)\/(?:fixtures?|data|vectors)\//.test(p)) return false;
  if (/(?:test[-_]?vectors?|\.fixture|_fixture|-fixture|\.snap)(?:\.|$)/.test(base)) return false;
  return true;
}

/** Test vectors named as such (`test/vectors/`, `hmac_test_vectors.json`): keys there are published inputs. */
export function isTestVectorPath(path: string): boolean {
  return /(?:^|\/)(?:test[-_]?vectors?|testvectors|vectors)(?:\/|[._-])|[-_]test[-_]?vectors?\./i.test(path);
}

/** Folder names (lower case, `-` read as `_`) that hold test code or data. */
const TEST_DIRS: ReadonlySet<string> = new Set([
  "test", "tests", "testing", "__tests__", "spec", "specs", "testdata", "test_data", "testresources", "test_resources",
  "testfixture", "testfixtures", "test_fixture", "test_fixtures", "__fixtures__", "fixture", "fixtures", "golden",
  "__mocks__", "mock", "mocks", "cassettes", "e2e", "e2e_test", "e2e_tests", "integration_test", "integration_tests", "it",
  "unittest", "unittests", "functional_test", "functional_tests", "testutil", "testutils", "testhelper", "testhelpers",
  "test_util", "test_utils", "test_helper", "test_helpers", "__snapshots__",
]);
const EXAMPLE_DIRS: ReadonlySet<string> = new Set([
  "example", "examples", "sample", "samples", "demo", "demos", "tutorial", "tutorials", "quickstart", "quickstarts", "snippets", "playground",
]);
const DOCS_DIRS: ReadonlySet<string> = new Set(["doc", "docs", "documentation", "website", ".changes", "locale", "locales", "i18n", "l10n", "translation", "translations"]);
const VENDORED_DIRS: ReadonlySet<string> = new Set(["vendor", "vendored", "third_party", "thirdparty", "node_modules", "bower_components", ".bingo"]);

/** The folder names of a path, lower case, `-` read as `_`. */
function folders(path: string): string[] {
  const parts = path.toLowerCase().replace(/-/g, "_").split("/");
  parts.pop();
  return parts;
}

/**
 * Which of the folder sets a folder path (`a/b`, as `dirName` gives it) lies in, one bit each (the index in
 * `FOLDER_SETS`), remembered per folder: a scan judges every file of a repository, and most folders hold many files.
 */
const FOLDER_SETS = [TEST_DIRS, EXAMPLE_DIRS, DOCS_DIRS, VENDORED_DIRS] as const;
const [IN_TEST, IN_EXAMPLE, IN_DOCS, IN_VENDORED] = [1, 2, 4, 8] as const;
const folderBits = new Map<string, number>();

function inFolder(path: string, bit: number): boolean {
  const dir = dirName(path);
  let bits = folderBits.get(dir);
  if (bits === undefined) {
    const parts = folders(`${dir}/`);
    bits = FOLDER_SETS.reduce((acc, set, i) => (parts.some((f) => set.has(f)) ? acc | (1 << i) : acc), 0);
    if (folderBits.size > 50_000) folderBits.clear();
    folderBits.set(dir, bits);
  }
  return (bits & bit) !== 0;
}

const TEST_FILE =
  /(?:_test(?:_?data|_?helpers?|_?utils?)?\.go|^\.env\.(?:test|testing|e2e)(?:\.local)?$|_tests?\.(?:py|rb|rs|exs?)|_spec\.rb|\.(?:test|spec|e2e|cy)\.[cm]?[jt]sx?|\.snap)$|^test_[\w-]*\.py$|^(?:conftest|tests?)\.py$|^(?:test|tests|spec)\.[cm]?[jt]sx?$/;
/** JVM / .NET / PHP test classes, by their case: `UserServiceTest.java`, `TestHelpers.cs`, `FooTests.kt`. */
const TEST_CLASS = /(?:^Test[A-Z0-9_]\w*|[a-z0-9]Tests?|IT)\.(?:java|kt|kts|scala|groovy|cs|php|swift)$/;

/** Test code and test data (see the module comment). */
export function isTestPath(path: string): boolean {
  const p = path.toLowerCase();
  return inFolder(path, IN_TEST) || TEST_FILE.test(baseName(p)) || TEST_CLASS.test(baseName(path)) || isTestVectorPath(path);
}

/** Documentation examples and samples. */
export function isExamplePath(path: string): boolean {
  const p = path.toLowerCase();
  return isTemplateCopy(path) || inFolder(path, IN_EXAMPLE) || /(?:^|[._-])(?:example|sample)[._-]/.test(baseName(p));
}

/** Prose: documentation, changelogs, and UI translations (`locales/`, `i18n/`, `*.po`), whose values are sentences. */
export function isDocsPath(path: string): boolean {
  const p = path.toLowerCase();
  return (
    DOC_EXTENSION.test(baseName(p)) ||
    /\.(?:po|pot|xliff|xlf|resx|strings|arb)$/.test(baseName(p)) ||
    inFolder(path, IN_DOCS)
  );
}

export function isVendoredPath(path: string): boolean {
  return inFolder(path, IN_VENDORED);
}

/**
 * Machine-written files full of high-entropy strings that are not secrets: lockfiles (integrity hashes),
 * minified bundles, source maps, checksum lists, generated protobuf code. Only unmistakable secret shapes
 * are looked for there.
 */
export function isGeneratedPath(path: string): boolean {
  const p = path.toLowerCase();
  const base = baseName(p);
  return (
    /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|deno\.lock|composer\.lock|gemfile\.lock|cargo\.lock|poetry\.lock|pipfile\.lock|uv\.lock|go\.sum|packages\.lock\.json|pubspec\.lock|mix\.lock|flake\.lock|podfile\.lock|gradle\.lockfile|\.terraform\.lock\.hcl)$/.test(base) ||
    /\.(?:min\.js|min\.mjs|min\.cjs|min\.css|map|bundle\.js|chunk\.js|lock|sum|sha256|sha1|sha512|md5|svg|pdf|ps|eps|ico)$/.test(base) ||
    /(?:_pb2(?:_grpc)?\.pyi?|\.pb\.go|\.pb\.gw\.go|_grpc\.pb\.go|\.pb\.(?:cc|h)|_pb\.(?:js|d\.ts)|\.generated\.\w+|\.g\.dart|\.designer\.cs)$|^zz_generated/.test(base) ||
    /(?:^|\/)(?:node_modules|vendor|dist|\.next|\.nuxt)\//.test(p) ||
    /(?:^|[._-])(?:sha256sums|sha1sums|checksums?|shasums)(?:\.|$)/.test(base)
  );
}

/**
 * The generated-code markers that tools write in a file's first lines (Go's "Code generated … DO NOT EDIT.",
 * `@generated`, "this file was (automatically) generated", "auto-generated").
 */
const GENERATED_HEAD = /code generated .{0,80}do not edit|@generated\b|this file (?:was|is) (?:automatically |auto-?)?generated|auto-?generated (?:file|code|by)|do not edit (?:this file|by hand|manually)/i;

/**
 * A minified or bundled file: a line of thousands of characters in the first 8 KiB. Not a line of base64 or a
 * PEM block, nor one that holds a JSON-escaped PEM block (a one-line service-account key assigned in code):
 * those are long because of a key, and the file is hand-written.
 */
function minifiedHead(text: string): boolean {
  const limit = Math.min(text.length, 8192);
  if (limit <= 2000) return false;
  for (let start = 0; start < limit; ) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 || nl > limit ? limit : nl;
    if (end - start > 2000 && !/^\s*(?:-----BEGIN|[A-Za-z0-9+/=]+$)/.test(text.slice(start, start + 64)) && !text.slice(start, end).includes("-----BEGIN")) return true;
    start = end + 1;
  }
  return false;
}

/**
 * The facts of one file, from its path and the first few KiB of its text (`head`: the text, of which only
 * the first 8 KiB are read). `installed`: the file lies in a
 * folder of installed third-party packages (see installedPackageRoots), which only the file list shows.
 */
export function pathFacts(path: string, head = "", installed = false): PathFacts {
  const generated = isGeneratedPath(path) || GENERATED_HEAD.test(head.length > 1024 ? head.slice(0, 1024) : head) || minifiedHead(head);
  return {
    live: isLivePath(path),
    test: isTestPath(path),
    example: isExamplePath(path),
    docs: isDocsPath(path),
    generated,
    vendored: installed || isVendoredPath(path),
  };
}

/**
 * Folders that hold installed third-party packages, known by pip's metadata beside them: a folder with a
 * `<package>.dist-info/` or `<package>.egg-info/` in it is a `site-packages` — a Lambda layer's `python/`,
 * a committed virtualenv, a bundled `dependencies/` — whatever it is called. Returned with a trailing `/`
 * (`""` for the top folder).
 */
export function installedPackageRoots(paths: Iterable<string>): Set<string> {
  const roots = new Set<string>();
  for (const p of paths) {
    const m = /^((?:[^/]+\/)*?)[^/]+\.(?:dist|egg)-info\//.exec(p);
    if (m) roots.add(m[1] ?? "");
  }
  return roots;
}

/** Whether `path` lies below one of `roots` (as installedPackageRoots returns them), outside its metadata. */
export function isInstalledPackageFile(path: string, roots: ReadonlySet<string>): boolean {
  if (roots.size === 0) return false;
  for (let i = path.lastIndexOf("/"); i >= 0; i = path.lastIndexOf("/", i - 1)) {
    if (roots.has(path.slice(0, i + 1))) return true;
    if (i === 0) break;
  }
  return roots.has("") && path.includes("/");
}

/** Whether generic (low-confidence) findings are reported in the file: live project code and config only. */
export function reportsGenericFindings(facts: PathFacts): boolean {
  return facts.live && !facts.test && !facts.example && !facts.docs && !facts.generated && !facts.vendored;
}

/**
 * Whether a CI system runs this CI file: a live file, and not test data — a pipeline kept under `tests/` by a
 * tool that reads CI files is run by no CI system, while one in a platform's own folder (`.github/`,
 * `.circleci/`, `.gitlab/`, …) is, whatever its sub-folder is called.
 */
export function isLiveCiFile(path: string, facts: PathFacts): boolean {
  return facts.live && (!facts.test || /^(?:\.github|\.circleci|\.gitlab|\.azure-pipelines|\.azuredevops)\//.test(path));
}

/**
 * Whether an env file, script or Dockerfile configures something that runs for real: live, and not test code
 * or data (a script under `tests/` sets variables for a test, a fixture's region is a test value).
 */
export function isLiveConfig(facts: PathFacts): boolean {
  return facts.live && !facts.test;
}
