/**
 * Something goflow would evaluate but the simulator does not model: a context path, a function,
 * an operator or syntax. The simulator refuses it loudly instead of guessing a value.
 */
export class UnsupportedExpressionError extends Error {
  override name = 'UnsupportedExpressionError';
}
