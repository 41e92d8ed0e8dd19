// `npm run users -- add <email> <role>` | `list` | `remove <email>` | `passwd <email>` | `role <email> <role>`
// Manages the console's users in DATA_DIR. Passwords are prompted for on a terminal (not echoed)
// and read from standard input otherwise, so scripts can pipe them in.
import readline from "node:readline";
import { emailSchema as email, newPasswordSchema } from "../lib/schemas/auth";
import { ROLES, roleSchema } from "../lib/schemas/roles";
import { hashPassword } from "../lib/server/auth/password";
import { passwordProblem } from "../lib/server/auth/password-policy";
import { EnvError, getConfig } from "../lib/server/env";
import { getStore } from "../lib/server/store";

const USAGE = `Usage:
  npm run users -- add <email> <role>     role: ${ROLES.join(" | ")}
  npm run users -- passwd <email>
  npm run users -- role <email> <role>
  npm run users -- remove <email>
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

async function askNewPassword(email: string): Promise<string> {
  const password = await readPassword("Password: ");
  if (process.stdin.isTTY) {
    const again = await readPassword("Repeat password: ");
    if (again !== password) throw new Error("The passwords do not match.");
  }
  if (!password) throw new Error("The password must not be empty.");
  // Sandbox data is a demo (its accounts use "sandbox"); every real account needs a real password.
  const policy = newPasswordSchema.safeParse(password);
  if (!policy.success && getConfig().mode !== "sandbox") throw new Error(`Password refused: ${policy.error.issues[0]!.message}`);
  const problem = getConfig().mode !== "sandbox" ? passwordProblem(password, email) : null;
  if (problem) throw new Error(`Password refused: ${problem}`);
  return password;
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const store = getStore();
  const users = store.users;
  switch (command) {
    case "add": {
      const parsedEmail = email.safeParse(args[0]);
      const role = roleSchema.safeParse(args[1]);
      if (!parsedEmail.success) throw new Error(`"${args[0] ?? ""}" is not an email address.\n${USAGE}`);
      if (!role.success) throw new Error(`"${args[1] ?? ""}" is not a role; use one of: ${ROLES.join(", ")}.`);
      if (await users.findByEmail(parsedEmail.data)) throw new Error(`${parsedEmail.data} already exists (use passwd to change the password).`);
      const passwordHash = await hashPassword(await askNewPassword(parsedEmail.data));
      await users.create({ email: parsedEmail.data, role: role.data, passwordHash });
      console.log(`Added ${parsedEmail.data} as ${role.data}.`);
      return;
    }
    case "passwd": {
      const parsedEmail = email.safeParse(args[0]);
      const user = parsedEmail.success ? await users.findByEmail(parsedEmail.data) : undefined;
      if (!user) throw new Error(`No user "${args[0] ?? ""}".`);
      await users.setPassword(user.email, await hashPassword(await askNewPassword(user.email)));
      const ended = await store.sessions.removeForUser(user.id);
      console.log(`Changed the password of ${user.email}; ended ${ended} session(s).`);
      return;
    }
    case "role": {
      const parsedEmail = email.safeParse(args[0]);
      const role = roleSchema.safeParse(args[1]);
      const user = parsedEmail.success ? await users.findByEmail(parsedEmail.data) : undefined;
      if (!user) throw new Error(`No user "${args[0] ?? ""}".`);
      if (!role.success) throw new Error(`"${args[1] ?? ""}" is not a role; use one of: ${ROLES.join(", ")}.`);
      await users.setRole(user.email, role.data);
      const ended = await store.sessions.removeForUser(user.id);
      console.log(`${user.email} is now ${role.data}; ended ${ended} session(s).`);
      return;
    }
    case "remove": {
      // Removing a user removes their sessions with them (one transaction in the store).
      if (!args[0] || !(await users.remove(args[0].trim().toLowerCase()))) throw new Error(`No user "${args[0] ?? ""}".`);
      console.log(`Removed ${args[0]}.`);
      return;
    }
    case "list": {
      const all = await users.list();
      if (!all.length) console.log("No users yet. Add one with: npm run users -- add <email> <role>");
      for (const u of all) console.log(`${u.email.padEnd(40)} ${u.role.padEnd(11)} added ${u.createdAt}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).then(
  () => getStore().close(),
  (err: unknown) => {
    console.error(err instanceof EnvError || err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
