import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import type { VectorStore } from '@langchain/core/vectorstores';

const llm = new ChatOpenAI({ model: 'gpt-4o-mini', temperature: 0, maxTokens: 500 });

const answerPrompt = ChatPromptTemplate.fromMessages([
  [
    'system',
    // cost problem: retrieved documents come before the static instructions, so no two requests share a cacheable prefix.
    `Help-center excerpts:
{context}

You answer Brightdesk customers' questions using only the help-center excerpts above.
Quote menu paths exactly as they appear in the excerpts, in bold.
If the excerpts do not answer the question, say that you could not find it and offer to connect the customer with an agent.
Link to the article title when you use it.`,
  ],
  ['human', '{question}'],
]);

const chain = answerPrompt.pipe(llm).pipe(new StringOutputParser());

/** Used by the widget's "Search help center" button. */
export async function answerFromHelpCenter(store: VectorStore, question: string): Promise<string> {
  // cost problem: retriever without k/topK: every document it returns is joined into the prompt (unbounded retrieval).
  const retriever = store.asRetriever();
  const docs = await retriever.invoke(question);
  const context = docs.map((d) => d.pageContent).join('\n\n');
  return chain.invoke({ context, question });
}

/** Used by the email assistant: the four closest excerpts only. */
export async function answerFromTopExcerpts(store: VectorStore, question: string): Promise<string> {
  const docs = await store.similaritySearch(question, 4);
  if (docs.length === 0) {
    return "I couldn't find anything about that in the help center. Would you like me to connect you with an agent?";
  }
  const context = docs.map((d) => `### ${d.metadata.title ?? 'Untitled'}\n${d.pageContent}`).join('\n\n');
  return chain.invoke({ context, question });
}
