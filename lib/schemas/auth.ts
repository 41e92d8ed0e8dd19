import { z } from "zod";
import { roleSchema } from "./roles";

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const meSchema = z.object({
  user: z.object({ id: z.number(), email: z.string(), role: roleSchema }),
  mode: z.enum(["sandbox", "live"]),
});
export type Me = z.infer<typeof meSchema>;
