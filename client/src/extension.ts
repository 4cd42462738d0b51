import type { ExtensionContext } from 'vscode';
import { PromptcostClient } from './client';
import { registerCommands } from './commands';
import { CostStatus } from './status';

let client: PromptcostClient | undefined;

/** What the extension returns from `activate` (integration tests use it). */
export interface PromptcostApi {
  client: PromptcostClient;
}

/** Starts the language client, the status item and the commands. */
export async function activate(context: ExtensionContext): Promise<PromptcostApi> {
  client = new PromptcostClient(context);
  context.subscriptions.push(client, ...registerCommands(client), new CostStatus(client));
  await client.start();
  return { client };
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
