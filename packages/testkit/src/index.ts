// @tandem/testkit: corpus locator, engine drivers, the differential helper, the corpus runners and the differential fuzzer.

export * from './corpora.js';
export * from './driver.js';
export * from './differential.js';
export { splitStatements, isComplete, hasOrderBy, type ScriptStatement } from './sql/split.js';
export { realToText, realToShellText, printfFixed } from './sqlite-text.js';
export { parseSlt, type SltRecord, type QueryRecord, type StatementRecord } from './slt/parse.js';
export { renderSltValue } from './slt/render.js';
export { runSltScript, md5Values, sortValues, type SltOptions, type SltResult, type SltFailure } from './slt/run.js';
export { runSltFile, collectFiles, type SltFileResult } from './slt/files.js';
export { parseSqlTest, expandMacros, type SqlTestFile, type SqlTestCase, type Expectation } from './sqltest/parse.js';
export { runShellInput, renderListValue, type ShellOutput } from './sqltest/shell.js';
export { compareOutput } from './sqltest/compare.js';
export { SqlTestRunner, type SqlTestOptions, type SqlTestCaseResult, type SqlTestFileResult } from './sqltest/run.js';
export { parseKnownFailures, formatKnownFailures, tally, type Tally } from './sqltest/known-failures.js';
export { runScript, judge, scriptStatements, type Divergence, type ScriptResult, type StatementInput, type StatementRun } from './fuzzdata/compare.js';
export { listFuzzScripts, readFuzzScript, type FuzzScriptRef } from './fuzzdata/corpus.js';
export { nullParameters } from './fuzzdata/params.js';
export { randomCaseStatements, QUERIES_PER_SEED } from './randomsql/case.js';
