// The API contract (contract/openapi.json, generated from the domain's Rust types)
// as checks: which operation a request is, whether a request body and an answer
// (status, required headers, JSON body) are what the document describes.
//
// JSON Schema 2020-12 through ajv (`ajv/dist/2020`), the draft OpenAPI 3.1 uses;
// the whole document is added once under its own id, so every `#/components/...`
// reference inside an operation resolves against it.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** An answer or a fixture the contract does not describe. Thrown by the kit; it fails the test. */
export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

/** One operation of the document: its method, its path template and what it answers. */
export interface Operation {
  /** `listChannels`, `saveProfile`... as the document names it. */
  id: string;
  /** `GET`, `POST`, `PATCH`, `DELETE`. */
  method: string;
  /** `/api/channels/{channel_id}/profile`. */
  route: string;
  /** Whether it needs the session cookie (and, when it changes something, the CSRF token). */
  session: boolean;
  /** The statuses it documents. */
  statuses: string[];
  pattern: RegExp;
}

const DOCUMENT_ID = 'https://whatsapp-onboarding.example/contract/openapi.json';

/** Where the document is: beside a packed copy of the kit, else in this repository. */
export function contractPath(): string {
  const candidates = [
    process.env.MOCK_CONTRACT,
    join(__dirname, 'openapi.json'),
    join(__dirname, '..', 'openapi.json'),
    resolve(__dirname, '..', '..', 'contract', 'openapi.json'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`mock kit: contract/openapi.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** JSON pointer escaping of one segment. */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The contract, loaded once per worker. */
export class Contract {
  readonly document: any;
  readonly operations: Operation[];
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(document: any) {
    this.document = document;
    // strictSchema off: the document has OpenAPI keys (paths, info...) around its schemas.
    this.ajv = new Ajv2020({ allErrors: true, strictSchema: false, validateFormats: true });
    addFormats(this.ajv);
    // The integer formats schemars writes; the type and `minimum` already say the rest.
    for (const f of ['int64', 'int32', 'uint64', 'uint32', 'uint16', 'uint8', 'double', 'float']) {
      this.ajv.addFormat(f, { type: 'number', validate: (n: number) => Number.isFinite(n) });
    }
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.operations = [];
    for (const [route, ops] of Object.entries<any>(document.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (!op || typeof op !== 'object' || !op.operationId) continue;
        const pattern = new RegExp('^' + route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
        this.operations.push({
          id: op.operationId,
          method: method.toUpperCase(),
          route,
          session: Array.isArray(op.security) && op.security.some((s: any) => 'session' in s),
          statuses: Object.keys(op.responses ?? {}),
          pattern,
        });
      }
    }
  }

  /** The operation `method path` is, if the document has one. */
  find(method: string, path: string): Operation | undefined {
    return this.operations.find((o) => o.method === method && o.pattern.test(path));
  }

  /** The operation called `id`; throws for a name the document does not have. */
  byId(id: string): Operation {
    const op = this.operations.find((o) => o.id === id);
    if (!op) throw new ContractError(`the contract has no operation called ${id}`);
    return op;
  }

  /** A component schema's validator (`ChannelOverview`). */
  schema(name: string): ValidateFunction {
    if (!this.document.components?.schemas?.[name]) throw new ContractError(`the contract has no schema called ${name}`);
    return this.validator(`#/components/schemas/${pointer(name)}`);
  }

  private validator(fragment: string): ValidateFunction {
    let v = this.cache.get(fragment);
    if (!v) {
      v = this.ajv.getSchema(DOCUMENT_ID + fragment);
      if (!v) throw new ContractError(`no schema at ${fragment}`);
      this.cache.set(fragment, v);
    }
    return v;
  }

  private errors(v: ValidateFunction): string {
    return this.ajv.errorsText(v.errors, { dataVar: 'body', separator: '; ' });
  }

  /** Throws unless `value` is valid against the component schema `name`. */
  checkSchema(name: string, value: unknown, what = name) {
    const v = this.schema(name);
    if (!v(value)) throw new ContractError(`${what} does not match the contract's ${name}: ${this.errors(v)}`);
  }

  /**
   * Throws unless a request is what `op` accepts: no body where it takes none, a JSON
   * body valid against its schema, sent as `application/json` (an image for an upload).
   */
  checkRequest(op: Operation, body: unknown, contentType = 'application/json') {
    const request = this.document.paths[op.route][op.method.toLowerCase()].requestBody;
    const where = `${op.method} ${op.route} (${op.id})`;
    const empty = body === undefined || body === null || body === '';
    if (!request) {
      if (!empty) throw new ContractError(`${where} takes no body, the app sent one`);
      return;
    }
    const types = Object.keys(request.content ?? {});
    const sent = contentType.split(';')[0].trim().toLowerCase();
    if (!types.includes(sent)) throw new ContractError(`the app sent ${where} a body of type ${sent || 'none'}; the contract takes ${types.join(' or ')}`);
    if (sent !== 'application/json') return; // an image: its bytes are not checked here
    const fragment = `#/paths/${pointer(op.route)}/${op.method.toLowerCase()}/requestBody/content/application~1json/schema`;
    const v = this.validator(fragment);
    if (!v(body)) throw new ContractError(`the app's request to ${where} does not match the contract: ${this.errors(v)}`);
  }

  /**
   * Throws unless the answer is one the document describes for `op`: a documented
   * status, its required headers, and a JSON body valid against its schema (no body
   * where it has none).
   */
  checkResponse(op: Operation, status: number, headers: Record<string, string>, body: unknown) {
    const where = `${op.method} ${op.route} (${op.id})`;
    const response = this.document.paths[op.route][op.method.toLowerCase()].responses[String(status)];
    if (!response) throw new ContractError(`${where} does not document status ${status} (it has ${Object.keys(this.document.paths[op.route][op.method.toLowerCase()].responses).join(', ')})`);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, spec] of Object.entries<any>(response.headers ?? {})) {
      const header = spec.$ref ? this.resolve(spec.$ref) : spec;
      const value = lower[name.toLowerCase()];
      if (header.required && value === undefined) throw new ContractError(`${where} ${status} must carry the ${name} header`);
      if (value !== undefined && header.schema) {
        const v = this.ajv.compile(header.schema);
        if (!v(value)) throw new ContractError(`${where} ${status}: header ${name}: ${this.errors(v)}`);
      }
    }
    const content = response.content as Record<string, any> | undefined;
    if (!content) {
      if (body !== undefined && body !== null && body !== '') throw new ContractError(`${where} ${status} has no body in the contract, the kit sent one`);
      return;
    }
    if (!content['application/json']) return; // an image: the kit's bytes are not JSON
    const fragment = `#/paths/${pointer(op.route)}/${op.method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    const v = this.validator(fragment);
    if (!v(body)) throw new ContractError(`the kit's answer ${status} to ${where} does not match the contract: ${this.errors(v)}`);
  }

  private resolve(ref: string): any {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.document);
  }
}

let loaded: Contract | undefined;

/** The contract of this repository (or of the packed kit), loaded once. */
export function contract(): Contract {
  loaded ??= new Contract(JSON.parse(readFileSync(contractPath(), 'utf8')));
  return loaded;
}
