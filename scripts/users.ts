// `npm run users -- add <email> <role>` | `list` | `remove <email> [reason]` | `passwd <email>` | `role <email> <role>`
// Manages the console's users in DATA_DIR (or DATABASE_URL) through the users service, as the
// Users page does: every change audited (the actor is this terminal's user), the last admin
// kept, the password policy applied, the user's sessions ended. Passwords are prompted for on a
// terminal (not echoed) and read from standard input otherwise, so scripts can pipe them in.
import os from "node:os";
import readline from "node:readline";
import { ROLES } from "../lib/schemas/roles";
import { userCreateSchema, userUpdateSchema } from "../lib/schemas/users";
import type { SessionUser } from "../lib/server/auth/session-user";
import { EnvError } from "../lib/server/env";
import { isApiError } from "../lib/server/errors";
import { getStore } from "../lib/server/store";
import { createUser, listUsers, removeUser, updateUser } from "../lib/server/users/service";

/** Who the audit log names for a change made here: the operating-system user at this machine. */
const OPERATOR: SessionUser = { id: 0, email: `cli:${os.userInfo().username}@${os.hostname()}`, role: "admin" };

const USAGE = `Usage:
  npm run users -- add <email> <role>     role: ${ROLES.join(" | ")}
  npm run users -- passwd <email>
  npm run users -- role <email> <role>
  npm run users -- remove <email> [reason]
  npm run users -- list
A password change, role change or removal signs that user out everywhere.`;

function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    // Piped: the first line of standard input is the password.
    return new Promise((resolve, reject) => {
      const rl = readline.createInterface({ input });
      let done = false;
      rl.once("line", (line) => {
        done = true;
        rl.close();
        resolve(line);
      });
      rl.once("close", () => (done ? undefined : reject(new Error("No password on standard input."))));
    });
  }
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    input.setRawMode(true);
    input.resume();
    let value = "";
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          input.setRawMode(false);
          input.pause();
          input.off("data", onData);
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (ch === "\u0003") process.exit(130); // Ctrl-C
        if (ch === "\u007f") value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on("data", onData);
  });
}

async function askNewPassword(): Promise<string> {
  const password = await readPassword("Password: ");
  if (process.stdin.isTTY) {
    const again = await readPassword("Repeat password: ");
    if (again !== password) throw new Error("The passwords do not match.");
  }
  if (!password) throw new Error("The password must not be empty.");
  return password;
}

/** The input as the API's own schema reads it; its first problem as a sentence otherwise. */
function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`${issue.path.length ? `${String(issue.path[0])}: ` : ""}${issue.message}.`);
}

async function userId(email: string | undefined): Promise<number> {
  const user = email ? await getStore().users.findByEmail(email.trim()) : undefined;
  if (!user) throw new Error(`No user "${email ?? ""}".`);
  return user.id;
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  switch (command) {
    case "add": {
      const [email, role] = args;
      if (!email || !role) throw new Error(USAGE);
      parsed(userCreateSchema.safeParse({ email, role }));
      const input = parsed(userCreateSchema.safeParse({ email, role, password: await askNewPassword() }));
      await createUser(OPERATOR, input);
      console.log(`Added ${input.email} as ${input.role}.`);
      return;
    }
    case "passwd": {
      const id = await userId(args[0]);
      await updateUser(OPERATOR, id, parsed(userUpdateSchema.safeParse({ password: await askNewPassword() })));
      console.log(`Changed the password of ${args[0]}; their sessions ended.`);
      return;
    }
    case "role": {
      const id = await userId(args[0]);
      const { user } = await updateUser(OPERATOR, id, parsed(userUpdateSchema.safeParse({ role: args[1] })));
      console.log(`${user.email} is now ${user.role}; their sessions ended.`);
      return;
    }
    case "remove": {
      const id = await userId(args[0]);
      await removeUser(OPERATOR, id, args.slice(1).join(" ") || "removed with the users CLI");
      console.log(`Removed ${args[0]}.`);
      return;
    }
    case "list": {
      const all = await listUsers();
      if (!all.length) console.log("No users yet. Add one with: npm run users -- add <email> <role>");
      for (const u of all) console.log(`${u.email.padEnd(40)} ${u.role.padEnd(11)} added ${u.created_at}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).then(
  () => getStore().close(),
  (err: unknown) => {
    // The service's refusals name the field: "Some fields need fixing." says nothing on a terminal.
    const generic = isApiError(err) && err.fields && err.message === "Some fields need fixing.";
    console.error(generic ? Object.values(err.fields).join(" ") : err instanceof EnvError || err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
