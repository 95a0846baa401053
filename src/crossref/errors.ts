/** Why an entity edit (merge, split, undo) was refused; the web layer maps each to an HTTP status. */
export type EntityEditProblem = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

/** An entity edit that cannot be done as asked: bad input (400), a missing entity or edit (404), someone else's edit (403), or a state that changed (409). */
export class EntityEditError extends Error {
  constructor(
    readonly problem: EntityEditProblem,
    message: string,
    readonly details?: { field: string; reason: string }[],
  ) {
    super(message);
    this.name = 'EntityEditError';
  }
}

/** The entity (or the edit) is no longer in the state the request assumed: merged since, already undone. */
export class EntityEditConflict extends EntityEditError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'EntityEditConflict';
  }
}
