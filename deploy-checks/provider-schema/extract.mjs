// Reads every resource and data source type out of @cdktf/provider-aws's generated bindings and writes the AWS
// provider's schema as JSON: for each type its arguments (required or not), nested blocks (recursively, with
// whether one or many are allowed) and readable attributes. terraform validate would need the provider binary from
// the registry; these bindings are generated from that very provider schema and install from npm.
//
//   (in a directory holding package.json and its node_modules) node <path>/extract.mjs [output.json]
//
// The bindings are plain generated JavaScript and TypeScript declarations, read as text; nothing is executed.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

// Resolved from the directory it runs in, where npm installed package.json's dependencies (make check-infra:
// build/provider-schema/).
const require = createRequire(join(process.cwd(), 'package.json'));
const packageJson = require.resolve('@cdktf/provider-aws/package.json');
const packageDir = dirname(packageJson);
const lib = join(packageDir, 'lib');
const out = process.argv[2] ?? join(process.cwd(), 'schema.json');

function fail(message) {
  console.error(`provider schema: ${message}`);
  process.exit(1);
}

/** The text between the opening brace at `start` (index of '{') and its matching closing brace. */
function braced(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return text.slice(start + 1, i);
    } else if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i <= 0) break;
    } else if (c === '"' || c === "'" || c === '`') {
      let end = i + 1;
      while (end < text.length && text[end] !== c) end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) break;
      i = end;
    }
  }
  fail('unbalanced braces');
}

/** Entries of a generated `const attrs = { name: { value: ..., isBlock, type, storageClassType }, ... }`. */
function attrEntries(body) {
  const entries = [];
  const re = /(\w+): \{\s*value: ([^\n]*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
  let m;
  while ((m = re.exec(body)) !== null) {
    const [, name, value, isBlock, type, storage] = m;
    const fn = /(\w+)ToHclTerraform/.exec(value);
    entries.push({ name, isBlock: isBlock === 'true', type, storage, fn: fn ? fn[1] : null });
  }
  return entries;
}

/** snake_case name -> required, from a TypeScript interface whose members carry a registry link #snake_name. */
function requiredness(dts, interfaceName) {
  const start = dts.search(new RegExp(`export interface ${interfaceName}\\b[^{]*\\{`));
  if (start < 0) return null;
  const body = braced(dts, dts.indexOf('{', start));
  const result = {};
  const re = /#(\w+) \w+#\w+\}[\s\S]*?\*\/\s*readonly (\w+)(\?)?:/g;
  let m;
  while ((m = re.exec(body)) !== null) {
    result[m[1]] = m[3] !== '?';
  }
  return result;
}

/** The body of `class <name> extends ...`, or '' when the bindings have no such class. */
function classBody(js, name) {
  const start = js.search(new RegExp(`class ${name} extends `));
  return start < 0 ? '' : braced(js, js.indexOf('{', start));
}

/** Names of nested blocks that the bindings hold as a single OutputReference (at most one such block). */
function singleBlocks(holderBody) {
  return new Set([...holderBody.matchAll(/new \w+OutputReference\(this, "(\w+)"\)/g)].map((m) => m[1]));
}

function schemaOf(js, dts, attrsBody, interfaceName, holderBody, seen) {
  const required = requiredness(dts, interfaceName) ?? {};
  const singles = singleBlocks(holderBody);
  const schema = { arguments: {}, blocks: {} };
  for (const entry of attrEntries(attrsBody)) {
    if (!entry.isBlock) {
      schema.arguments[entry.name] = { required: required[entry.name] === true, type: entry.type };
      continue;
    }
    if (!entry.fn) fail(`block ${entry.name} of ${interfaceName} has no converter`);
    const fnStart = js.indexOf(`function ${entry.fn}ToHclTerraform(struct) {`);
    if (fnStart < 0) fail(`no function ${entry.fn}ToHclTerraform`);
    const fnBody = braced(js, js.indexOf('{', fnStart));
    const attrsStart = fnBody.indexOf('const attrs = {');
    const nestedInterface = entry.fn[0].toUpperCase() + entry.fn.slice(1);
    let nested = { arguments: {}, blocks: {} };
    if (attrsStart >= 0 && !seen.has(entry.fn)) {
      seen.add(entry.fn);
      nested = schemaOf(js, dts, braced(fnBody, fnBody.indexOf('{', attrsStart)), nestedInterface,
        classBody(js, `${nestedInterface}OutputReference`), seen);
      seen.delete(entry.fn);
    }
    schema.blocks[entry.name] = {
      required: required[entry.name] === true,
      // A block the bindings hold as one OutputReference (not a List) is a single nested block (max one).
      single: singles.has(entry.name),
      ...nested,
    };
  }
  return schema;
}

function structFiles(typeDir, suffix) {
  const structs = join(typeDir, 'index-structs');
  if (!existsSync(structs)) return [];
  return readdirSync(structs)
    .filter((f) => f.endsWith(suffix) && (suffix === '.d.ts' || !f.endsWith('.d.ts')))
    .map((f) => join(structs, f));
}

const resources = {};
const dataSources = {};
let providerVersion = null;
let provider = null;
for (const dir of readdirSync(lib, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  const jsFile = join(lib, dir.name, 'index.js');
  const dtsFile = join(lib, dir.name, 'index.d.ts');
  if (!existsSync(jsFile) || !existsSync(dtsFile)) continue;
  // Large types keep their nested structs in index-structs/structsN.js; read them as one text.
  const js = [jsFile, ...structFiles(join(lib, dir.name), '.js')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const typeMatch = /(\w+)\.tfResourceType = "(\w+)";/.exec(js);
  if (!typeMatch) continue;
  const [, className, tfType] = typeMatch;
  const dts = [dtsFile, ...structFiles(join(lib, dir.name), '.d.ts')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const version = /providerVersion: '([^']+)'/.exec(js);
  if (version) providerVersion ??= version[1];
  const classStart = js.indexOf(`class ${className} extends cdktf.`);
  if (classStart < 0) fail(`class ${className} not found in ${dir.name}`);
  const body = braced(js, js.indexOf('{', classStart));
  const synth = body.indexOf('synthesizeHclAttributes() {');
  if (synth < 0) fail(`${className} has no synthesizeHclAttributes`);
  const synthBody = braced(body, body.indexOf('{', synth));
  const attrsBody = braced(synthBody, synthBody.indexOf('{', synthBody.indexOf('const attrs = {')));
  const schema = schemaOf(js, dts, attrsBody, `${className}Config`, body, new Set());
  const attributes = new Set(Object.keys(schema.arguments));
  for (const m of body.matchAll(/get\w+Attribute\('(\w+)'\)/g)) attributes.add(m[1]);
  for (const m of body.matchAll(/new \w+\(this, "(\w+)"/g)) attributes.add(m[1]);
  for (const m of body.matchAll(/interpolationForAttribute\('(\w+)'\)/g)) attributes.add(m[1]);
  schema.attributes = [...attributes].sort();
  const kind = /extends cdktf\.(\w+)/.exec(js.slice(classStart, classStart + 200))[1];
  if (kind === 'TerraformProvider') provider = schema;
  else (kind === 'TerraformDataSource' ? dataSources : resources)[tfType] = schema;
}

const packageVersion = JSON.parse(readFileSync(packageJson, 'utf8')).version;
if (!providerVersion || !provider || Object.keys(resources).length < 1000) {
  fail(`implausible result: provider ${providerVersion}, ${Object.keys(resources).length} resource types`);
}
writeFileSync(out, JSON.stringify({
  source: `@cdktf/provider-aws ${packageVersion}`,
  provider_version: providerVersion,
  provider,
  resources,
  data_sources: dataSources,
}, null, 1));
console.log(`provider schema: hashicorp/aws ${providerVersion} (${Object.keys(resources).length} resource types, `
  + `${Object.keys(dataSources).length} data sources) from @cdktf/provider-aws ${packageVersion} -> ${out}`);
