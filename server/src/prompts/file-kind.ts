import type { FileIndex } from './file-index';

/** Test files: their strings are test data. */
const TEST_FILE = /(\.|_)(test|spec)\.[cm]?[jt]sx?$|[\\/](__tests__|__mocks__)[\\/]/;
/** Translation tables. */
const I18N_PATH = /[\\/](i18n|locales?|translations?|lang|messages)[\\/]/i;
/** Fine-tuning exports write chat messages as training data. */
const FINE_TUNING = /jsonl|fine[-_ ]?tun/i;
/** Writing JSON records to a file (what a fine-tuning export does). */
const WRITES_JSON = /JSON\.stringify[\s\S]*(writeFile|appendFile|createWriteStream|\.write\()|(writeFile|appendFile|createWriteStream|\.write\()[\s\S]*JSON\.stringify/;
/** Database writes: prompts stored in a table are data. */
const DB_WRITE = /\.(insert|insertInto|values|upsert|createMany|bulkCreate|insertMany)\(/;
const DB_MODULE = /(^|\/)(db|database|schema|prisma|drizzle|knex|kysely|supabase|mongo)/i;

/** Whether a file is a test (its messages and strings are test data, not prompts sent). */
export function isTestFile(index: FileIndex): boolean {
  return TEST_FILE.test(index.file);
}

/**
 * Whether a file's strings may be taken for prompts by their wording alone. Not in tests, translation
 * tables, fine-tuning exports or code that writes prompts to a database, unless the file also calls a
 * model (SDK calls are always recognised, whatever the file).
 */
export function allowsWordingHeuristics(index: FileIndex, callsModel: boolean): boolean {
  if (TEST_FILE.test(index.file) || I18N_PATH.test(index.file)) return false;
  if (callsModel) return true;
  const text = index.sourceFile.text;
  if (FINE_TUNING.test(text) && WRITES_JSON.test(text)) return false;
  if (DB_WRITE.test(text) && [...index.modules].some((m) => DB_MODULE.test(m))) return false;
  return true;
}
