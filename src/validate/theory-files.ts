// Reading `theory: path.yaml` of a claim from disk (Node only: the validator's schema is also bundled
// for the explorer, which reads no files). Importing this module registers the reader; each file gets its
// own engine Model (src/models/theory-file.ts), even when its id is a built-in's.
import { loadTheoryFile, TheoryFileError } from '../theory-file/load.js';
import { theoryFileModel } from '../models/theory-file.js';
import { setTheoryFileReader, TheoryFileReadError } from './schema.js';

setTheoryFileReader((path) => {
  try {
    return theoryFileModel(loadTheoryFile(path)).engine!();
  } catch (e) {
    if (e instanceof TheoryFileError) throw new TheoryFileReadError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new TheoryFileReadError(`cannot read the theory file '${path}' (${code})`);
    throw e;
  }
});
