// Agents and queues, which many screens name by id: loaded once per session and shared.
import { api } from './client.js';
import { unwrap } from './problem.js';
import type { Agent, Queue } from './types.js';
import { useResource, type Resource } from './use-resource.js';

/** Walks a cursor-paginated list to its end (lists of people and queues are short). */
export async function loadAll<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const result = await page(cursor);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}

let agents: Promise<Agent[]> | undefined;
let queues: Promise<Queue[]> | undefined;

export function loadAgents(): Promise<Agent[]> {
  agents ??= loadAll(async (cursor) =>
    unwrap(await api.GET('/api/v1/agents', { params: { query: { limit: 200, cursor } } })),
  ).catch((error: unknown) => {
    agents = undefined;
    throw error;
  });
  return agents;
}

export function loadQueues(): Promise<Queue[]> {
  queues ??= loadAll(async (cursor) =>
    unwrap(await api.GET('/api/v1/queues', { params: { query: { limit: 200, cursor } } })),
  ).catch((error: unknown) => {
    queues = undefined;
    throw error;
  });
  return queues;
}

/** Forget what was loaded, e.g. after an admin changed queues or on sign-out. */
export function forgetDirectory(): void {
  agents = undefined;
  queues = undefined;
}

export function useAgents(): Resource<Agent[]> {
  return useResource(loadAgents, []);
}

export function useQueues(): Resource<Queue[]> {
  return useResource(loadQueues, []);
}
