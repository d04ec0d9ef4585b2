import { JsonFileError, readJsonFile as readJson } from '../json-file.ts';
import { UsageError } from './cli-context.ts';

/** The JSON value a file named on the command line holds (see server/json-file.ts); a failure is a one-line UsageError. */
export function readJsonFile(path: string): unknown {
  try {
    return readJson(path);
  } catch (error) {
    throw error instanceof JsonFileError ? new UsageError(error.message) : error;
  }
}
