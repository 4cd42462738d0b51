import { ts } from 'ts-morph';
import { calleeChain, getProperty, propertyName, unwrap } from './syntax';

/** Keys of an object that make its `description` a tool description shown to a model. */
const TOOL_SCHEMA_KEYS = ['parameters', 'inputSchema', 'input_schema', 'execute', 'func', 'argsSchema'];
/** Calls that define a tool. */
const TOOL_FACTORIES = /^(tool|createTool|defineTool|dynamicTool|DynamicStructuredTool|DynamicTool|StructuredTool|registerTool|FunctionTool)$/;
/** Keys of OpenAPI operations and other schemas that also have `description` and `parameters`. */
const NOT_TOOL_KEYS = ['responses', 'operationId', 'requestBody', 'summary', 'in'];

/** Whether an object literal defines a tool whose `description` the model reads. */
export function isToolObject(obj: ts.ObjectLiteralExpression): boolean {
  if (NOT_TOOL_KEYS.some((key) => getProperty(obj, key) !== undefined)) return false;
  // JSON-schema property definitions ({ type: 'string', description }) are not tools.
  const type = getProperty(obj, 'type');
  if (type && ts.isStringLiteralLike(unwrap(type)) && !['function', 'object', 'custom'].includes((unwrap(type) as ts.StringLiteral).text)) return false;
  if (TOOL_SCHEMA_KEYS.some((key) => getProperty(obj, key) !== undefined)) return true;
  if (getProperty(obj, 'schema') && getProperty(obj, 'name')) return true;
  const parent = obj.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const chain = calleeChain(parent.expression);
    return TOOL_FACTORIES.test(chain[chain.length - 1] ?? '');
  }
  return ts.isPropertyAssignment(parent) && propertyName(parent.name) === 'function';
}

/** MCP `server.tool(name, description, schema, handler)`: the description argument. */
export function mcpToolDescription(call: ts.CallExpression): ts.Expression | undefined {
  const chain = calleeChain(call.expression);
  if (chain[chain.length - 1] !== 'tool' || chain.length < 2 || call.arguments.length < 3) return undefined;
  return ts.isStringLiteralLike(unwrap(call.arguments[1])) ? call.arguments[1] : undefined;
}
