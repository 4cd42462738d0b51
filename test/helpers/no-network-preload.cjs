// Preloaded with `node --require` into the bundled CLI or language server by the no-network tests:
// replaces every way a Node program opens a connection, resolves a host name, listens on a port or
// starts another program with a function that throws, and records the attempt (one line per attempt)
// in the file named by PROMPTCOST_BLOCKED_LOG (and on stderr), where it also writes `preloaded in pid N`
// once installed. Standard input and output pipes still
// work: Node opens them from file descriptors, never through connect().
'use strict';

const { appendFileSync } = require('node:fs');

const LOG = process.env.PROMPTCOST_BLOCKED_LOG;

/** Records an attempt and returns the error to throw. */
function blocked(name) {
  const line = `blocked ${name} in pid ${process.pid}\n${new Error('attempted here').stack}\n`;
  if (LOG) appendFileSync(LOG, line);
  process.stderr.write(`[no-network] ${line}`);
  return new Error(`promptcost tests: ${name} is blocked (no network, no child processes)`);
}

/** Replaces `target[key]` (when it is a function) with one that throws. */
function block(target, key, name) {
  if (!target || typeof target[key] !== 'function') return;
  const replacement = function () {
    throw blocked(name);
  };
  Object.defineProperty(target, key, { value: replacement, writable: true, configurable: true, enumerable: true });
}

const net = require('node:net');
block(net, 'connect', 'net.connect');
block(net, 'createConnection', 'net.createConnection');
block(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
block(net.Server.prototype, 'listen', 'net.Server.prototype.listen');

const tls = require('node:tls');
block(tls, 'connect', 'tls.connect');

for (const [name, mod] of [['http', require('node:http')], ['https', require('node:https')]]) {
  block(mod, 'request', `${name}.request`);
  block(mod, 'get', `${name}.get`);
  block(mod.Agent.prototype, 'createConnection', `${name}.Agent.prototype.createConnection`);
}

const http2 = require('node:http2');
block(http2, 'connect', 'http2.connect');

const dgram = require('node:dgram');
block(dgram, 'createSocket', 'dgram.createSocket');

const dns = require('node:dns');
const DNS_FUNCTIONS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse'];
for (const key of DNS_FUNCTIONS) {
  block(dns, key, `dns.${key}`);
  block(dns.promises, key, `dns.promises.${key}`);
  block(dns.Resolver.prototype, key, `dns.Resolver.prototype.${key}`);
  block(dns.promises.Resolver.prototype, key, `dns.promises.Resolver.prototype.${key}`);
}

for (const key of ['fetch', 'WebSocket', 'EventSource']) block(globalThis, key, key);

const childProcess = require('node:child_process');
for (const key of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) block(childProcess, key, `child_process.${key}`);

// Proof that the preload ran in this process (the tests look for it).
if (LOG) appendFileSync(LOG, `preloaded in pid ${process.pid}\n`);
