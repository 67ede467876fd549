/**
 * npm run backoffice -- <erp|crm> <METHOD> <path> [json-body] [--url URL] [--user NAME --password PW]
 *
 * Makes a back-office edit on a running server, e.g.
 *   npm run backoffice -- erp PATCH "CustomersV3(dataAreaId='usmf',CustomerAccount='US-000001')" '{"CreditLimit":"9000"}'
 *   npm run backoffice -- crm GET "accounts?\$top=2&\$select=name"
 */
import { parseArgs } from 'node:util';
import { backoffice } from './backoffice-client.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env['TANDEM_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? 8080}` },
    user: { type: 'string', default: 'backoffice' },
    password: { type: 'string' },
  },
});
const [store, method, path, json] = positionals;
if ((store !== 'erp' && store !== 'crm') || !method || !path) {
  console.error('usage: npm run backoffice -- <erp|crm> <GET|POST|PATCH|DELETE> <path> [json-body] [--url URL] [--user NAME --password PW]');
  process.exit(2);
}
let body: unknown;
if (json !== undefined) {
  try {
    body = JSON.parse(json);
  } catch (error) {
    console.error(`The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
const reply = await backoffice({
  url: values.url,
  store,
  method,
  path,
  username: values.user,
  ...(values.password !== undefined ? { password: values.password } : {}),
  ...(body !== undefined ? { body } : {}),
});
console.log(`${reply.status}`);
if (reply.body !== null) console.log(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body, null, 2));
process.exit(reply.status < 400 ? 0 : 1);
