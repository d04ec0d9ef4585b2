import { readFileSync } from 'node:fs';
import { isDomainError } from './domain/errors.ts';
import { assertWellFormedText } from './domain/text/well-formed.ts';

/** A JSON file that could not be read as the edge reads a body; the message names the file and the reason. */
export class JsonFileError extends Error {
  override readonly name = 'JsonFileError';
}

/**
 * The JSON value a file holds, read as the HTTP edge reads a body: strict UTF-8 (no silent U+FFFD), then
 * every key and string well-formed Unicode. Any failure is a JsonFileError naming the file (and the JSON
 * pointer of a lone surrogate) on one line. Used by the CLI and by the loading of the shipped standards.
 */
export function readJsonFile(path: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)));
    assertWellFormedText(value);
  } catch (error) {
    const reason = error instanceof TypeError ? 'not well-formed UTF-8' : (error as Error).message;
    throw new JsonFileError(`${path}: ${isDomainError(error) ? error.message : reason}`);
  }
  return value;
}
