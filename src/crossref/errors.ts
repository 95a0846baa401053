import { AppError } from '../core/errors.js';

/** The entity (or the edit) is no longer in the state the request assumed: merged since, already undone. */
export class EntityEditConflict extends AppError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'EntityEditConflict';
  }
}
