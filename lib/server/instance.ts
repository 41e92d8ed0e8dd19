import "server-only";
// This console process among the instances sharing one Postgres: its id (in leases and audit
// intents) and its heartbeat, a lease the others read to tell whether it is still alive (an
// intent left pending by a live instance is its own business; one left by a dead one is settled
// by the others, see audit-reconcile.ts).
import crypto from "node:crypto";
import { getStore } from "@/lib/server/store";
import { processSingleton } from "@/lib/process-singletons";

// Created once per PROCESS (a per-bundle id made the heartbeat and the audit writer two
// "instances", and the sweep settled live writes as interrupted).
export const INSTANCE_ID: string = processSingleton("instance-id", () => `${process.pid}-${crypto.randomUUID().slice(0, 8)}`);

export const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TTL_MS = 15_000;
const key = (instance: string) => `instance:${instance}`;

/** Renews this instance's heartbeat lease (a background job, every HEARTBEAT_MS). */
export async function renewHeartbeat(): Promise<void> {
  await getStore().leases.acquire(key(INSTANCE_ID), INSTANCE_ID, HEARTBEAT_TTL_MS);
}

/** Whether `instance` still beats (its heartbeat lease has not run out). */
export async function instanceAlive(instance: string): Promise<boolean> {
  return (await getStore().leases.holder(key(instance))) === instance;
}
