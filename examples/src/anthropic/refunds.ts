import Anthropic from '@anthropic-ai/sdk';
import { REFUND_POLICY_SYSTEM } from '../prompts/refund-policy';
import type { Customer, RefundRequest } from '../types';

const anthropic = new Anthropic();

function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

/** Drafts a reply and a recommendation for the billing specialist. */
export async function draftRefundDecision(request: RefundRequest, customer: Customer): Promise<string> {
  const response = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 800,
    // cost problem: a long static system prompt (over 1,024 tokens) without cache_control: every call pays the
    // full input price for the same policy text. (It is also over the role:system budget of 1,200 tokens.)
    system: REFUND_POLICY_SYSTEM,
    messages: [
      {
        role: 'user',
        content: `Customer: ${customer.name}, ${customer.plan} plan, locale ${customer.locale}
Order: ${request.orderId}, ${formatAmount(request.amountCents, request.currency)}, purchased ${request.purchasedAt.toDateString()}
Reason given: ${request.reason}`,
      },
    ],
  });
  const block = response.content[0];
  if (!block || block.type !== 'text') {
    throw new Error(`Billing assistant returned no text for ticket ${request.ticketId} (stop_reason=${response.stop_reason})`);
  }
  return block.text;
}

/** A kind "no" with an account credit offer. */
export async function politeDecline(request: RefundRequest, locale: string): Promise<string> {
  const response = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 300,
    system: [
      {
        type: 'text',
        text: 'You write short, kind replies declining refund requests and offer an account credit instead. Write in the customer\'s language.',
        // cost problem: cache_control on a prompt far below the model's minimum cacheable length (1,024 tokens): nothing is cached.
        cache_control: { type: 'ephemeral' },
      },
    ],
    messages: [{ role: 'user', content: `Locale: ${locale}\nReason given: ${request.reason}` }],
  });
  return response.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

/** Routes incoming chat messages to the billing flow. */
export async function isRefundRequest(message: string): Promise<boolean> {
  const response = await anthropic.messages.create({
    // cost problem: claude-opus for a yes/no classification with max_tokens 5; claude-haiku is enough.
    model: 'claude-opus-4-1',
    max_tokens: 5,
    messages: [
      {
        role: 'user',
        content: `Is the following customer message asking for a refund, a credit or money back? Answer "yes" or "no" only.\n\n${message}`,
      },
    ],
  });
  const block = response.content[0];
  return block?.type === 'text' && block.text.trim().toLowerCase().startsWith('yes');
}
