// Reading `theory: path.yaml` of a claim from disk, for every claim kind, derivations included (Node only:
// the validator's schema is also bundled for the explorer, which reads no files). Importing this module
// registers the one reader (schema.ts setTheoryFileReader); each file gets its own engine Model
// (src/models/theory-file.ts), even when its id is a built-in's.
import { loadTheoryFile, TheoryFileError } from '../theory-file/load.js';
import { theoryFileModel } from '../models/theory-file.js';
import { setTheoryFileReader, TheoryFileReadError } from './schema.js';

setTheoryFileReader((path) => {
  try {
    return theoryFileModel(loadTheoryFile(path)).engine!();
  } catch (e) {
    if (e instanceof TheoryFileError) throw new TheoryFileReadError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw new TheoryFileReadError(`cannot read theory file '${path}' (${code === 'ENOENT' ? 'not found' : code})`);
    throw e;
  }
});
