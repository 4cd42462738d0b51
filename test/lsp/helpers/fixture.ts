import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The fixture workspace: an OpenAI chat with a padded system prompt, an Anthropic call with an imported constant, a broken file. */
export const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'lsp', 'workspace');

/** A private copy of the fixture workspace that a test may change; `dispose` deletes it. */
export class Workspace {
  readonly root: string;

  constructor(source = FIXTURE) {
    this.root = mkdtempSync(join(tmpdir(), 'promptcost-lsp-'));
    cpSync(source, this.root, { recursive: true });
  }

  path(relative: string): string {
    return join(this.root, relative);
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  write(relative: string, content: string | Buffer): void {
    writeFileSync(this.path(relative), content);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
