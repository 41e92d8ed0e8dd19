import "server-only";
// This console process among the instances sharing one Postgres: its id (in leases and audit
// intents) and its heartbeat, a lease the others read to tell whether it is still alive (an
// intent left pending by a live instance is its own business; one left by a dead one is settled
// by the others, see audit-reconcile.ts).
import crypto from "node:crypto";
import { getStore } from "@/lib/server/store";

// Created once per PROCESS, on globalThis: Next bundles route handlers and pages separately, and
// each bundle evaluates its own copy of this module. A per-module id made the heartbeat (one
// bundle) and the audit writer (another) two "instances", and the sweep settled live writes as
// interrupted.
const holder = globalThis as { [key: symbol]: string | undefined };
const ID_KEY = Symbol.for("outbound-console.instance-id");
export const INSTANCE_ID: string = (holder[ID_KEY] ??= `${process.pid}-${crypto.randomUUID().slice(0, 8)}`);

const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TTL_MS = 15_000;
const key = (instance: string) => `instance:${instance}`;

/** Keeps this instance's heartbeat lease alive for as long as the process runs. */
export function startHeartbeat(): void {
  const beat = () => getStore().leases.acquire(key(INSTANCE_ID), INSTANCE_ID, HEARTBEAT_TTL_MS).catch(() => false);
  void beat();
  setInterval(() => void beat(), HEARTBEAT_MS).unref?.();
}

/** Whether `instance` still beats (its heartbeat lease has not run out). */
export async function instanceAlive(instance: string): Promise<boolean> {
  return (await getStore().leases.holder(key(instance))) === instance;
}
