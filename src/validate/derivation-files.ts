// Theory files for derivation claims (`theory: FILE`), on Node: read with the theory-file loader
// (src/theory-file, its size limit and messages), one engine model per file. Importing this module
// registers the reader with ./derivation-steps.ts; the command line's `check` does so, the browser
// build of the validator does not (it has no files).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { theoryFileModel } from '../models/theory-file.js';
import { loadTheoryFile, TheoryFileError } from '../theory-file/index.js';
import type { Model } from '../engine/model.js';
import { setTheoryFileReader } from './derivation-steps.js';

const models = new Map<string, Model>();

export function readTheoryModel(file: string): Model | string {
  const path = resolve(file);
  const hit = models.get(path);
  if (hit) return hit;
  if (!existsSync(path)) return `cannot read theory file '${file}' (not found)`;
  try {
    const model = theoryFileModel(loadTheoryFile(path)).engine!();
    models.set(path, model);
    return model;
  } catch (e) {
    if (e instanceof TheoryFileError) return e.message;
    throw e;
  }
}

setTheoryFileReader(readTheoryModel);
