// A request the dashboard refuses, with the HTTP status and a message safe to show.
export class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
