import { anthropic } from '@ai-sdk/anthropic';
import { generateText } from 'ai';
import type { Ticket } from '../types';

const INSIGHTS_SYSTEM = `You analyse a week of Brightdesk support tickets for the product team.
Find the five most common problems, estimate how many tickets each caused, and suggest one product change per problem.
Write for product managers: no ticket ids, no customer names.`;

export async function weeklyInsights(tickets: Ticket[], weekLabel: string): Promise<string> {
  const digest = tickets.map((t) => `- [${t.priority}] ${t.subject}`).join('\n');
  const { text, usage } = await generateText({
    // cost problem: an expensive model (claude-opus) with no output cap (maxOutputTokens is missing).
    model: anthropic('claude-opus-4-1'),
    system: INSIGHTS_SYSTEM,
    prompt: `Week: ${weekLabel}\nTickets (${tickets.length}):\n${digest}`,
  });
  console.info(`[insights] ${weekLabel}: ${usage.inputTokens} input / ${usage.outputTokens} output tokens`);
  return text;
}
