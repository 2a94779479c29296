import { defineProblem } from '../platform/errors.js';

/** The outcomes feature's problems, each declared once: its status, stable code and title. */
export const outcomeProblems = {
  /** An import given no file, or one that cannot be read (the operator's command). */
  importRefused: defineProblem(400, 'import_refused', 'The file was refused'),
};
