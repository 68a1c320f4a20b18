/**
 * Evaluates parsed expressions against a context, as goflow's `excellent` package does: lookups
 * are case-insensitive, `.name` on a missing property is an error value while `["name"]` is null,
 * operators convert their operands (`=` compares text, `+` numbers, `&` joins text), and errors
 * propagate as values. What the simulator does not model is refused with `UnsupportedExpressionError`.
 */
import { Decimal } from './decimal';
import { UnsupportedExpressionError } from './errors';
import { EvaluationEnvironment, lookupFunction, unknownFunction } from './functions';
import { BinaryOperator, Expression } from './parser';
import {
  bool,
  describe,
  error,
  isError,
  num,
  text,
  toInteger,
  toNumber,
  toText,
  XArray,
  XError,
  XFunction,
  XObject,
  XValue,
} from './values';

export function evaluate(expression: Expression, root: XObject, env: EvaluationEnvironment): XValue {
  switch (expression.type) {
    case 'text':
      return text(expression.value);
    case 'number':
      return num(expression.value);
    case 'boolean':
      return bool(expression.value);
    case 'null':
      return null;
    case 'reference': {
      const found = lookupProperty(root, expression.name, true);
      if (found !== undefined) return found;
      const fn = lookupFunction(expression.name, env);
      return fn ?? error(`context has no property '${expression.name.toLowerCase()}'`);
    }
    case 'dot':
    case 'index': {
      const container = evaluate(expression.container, root, env);
      if (isError(container)) return container;
      const key = expression.type === 'dot' ? text(expression.name) : evaluate(expression.lookup, root, env);
      if (isError(key)) return key;
      return resolveLookup(container, key, expression.type === 'dot');
    }
    case 'call': {
      const fn = evaluate(expression.func, root, env);
      // goflow would log "context has no property" and render nothing; a misspelt or invented function is refused instead
      if (isError(fn) && expression.func.type === 'reference') throw unknownFunction(expression.func.name);
      if (isError(fn)) return fn;
      if (!(fn instanceof XFunction)) return error(`${describe(fn)} is not a function`);
      const args = expression.args.map((arg) => evaluate(arg, root, env));
      const result = fn.call(args);
      return isError(result) ? error(`error calling ${fn.name}(...): ${result.message}`) : result;
    }
    case 'binary':
      return applyOperator(expression.operator, evaluate(expression.left, root, env), evaluate(expression.right, root, env));
    case 'negate': {
      const operand = toNumber(evaluate(expression.operand, root, env));
      return isError(operand) ? operand : num(operand.value.neg());
    }
  }
}

/**
 * A property of `object`, refusing the ones the simulator does not model. Undefined when absent
 * (the root context then falls back to functions).
 */
function lookupProperty(object: XObject, key: string, atRoot: boolean): XValue | undefined {
  if (object.unsupported.has(key.toLowerCase())) {
    const path = atRoot ? `@${key.toLowerCase()}` : `@${object.path ?? ''}.${key.toLowerCase()}`;
    throw new UnsupportedExpressionError(`${path} is not supported by the simulator`);
  }
  const found = object.get(key);
  return found.found ? found.value : undefined;
}

/** goflow's `resolveLookup`: an index into an array, or a property of an object. */
function resolveLookup(container: XValue, key: XValue, dotNotation: boolean): XValue {
  if (container instanceof XArray) {
    const index = toInteger(key);
    if (index instanceof XError) return index;
    const count = container.items.length;
    if (index >= count || index < -count) return error(`index ${index} out of range for ${count} items`);
    return container.items[index < 0 ? index + count : index];
  }
  if (container instanceof XObject) {
    const property = toText(key);
    if (property instanceof XError) return property;
    const found = lookupProperty(container, property.value, false);
    if (found === undefined) return dotNotation ? error(`${describe(container)} has no property '${property.value}'`) : null;
    return found;
  }
  return error(`${describe(container)} doesn't support lookups`);
}

function applyOperator(operator: BinaryOperator, left: XValue, right: XValue): XValue {
  switch (operator) {
    case '&':
    case '=':
    case '!=': {
      const a = toText(left);
      if (isError(a)) return a;
      const b = toText(right);
      if (isError(b)) return b;
      if (operator === '&') return text(a.value + b.value);
      return bool((a.value === b.value) === (operator === '='));
    }
    default: {
      const a = toNumber(left);
      if (isError(a)) return a;
      const b = toNumber(right);
      if (isError(b)) return b;
      return numeric(operator, a.value, b.value);
    }
  }
}

function numeric(operator: Exclude<BinaryOperator, '&' | '=' | '!='>, a: Decimal, b: Decimal): XValue {
  switch (operator) {
    case '+':
      return num(a.add(b));
    case '-':
      return num(a.sub(b));
    case '*':
      return num(a.mul(b));
    case '/':
      return b.isZero() ? error('division by zero') : num(a.div(b));
    case '^':
      throw new UnsupportedExpressionError('the ^ operator is not supported by the simulator');
    case '<':
      return bool(a.cmp(b) < 0);
    case '<=':
      return bool(a.cmp(b) <= 0);
    case '>':
      return bool(a.cmp(b) > 0);
    case '>=':
      return bool(a.cmp(b) >= 0);
  }
}
