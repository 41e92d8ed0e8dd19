// `npm run users -- add <email> <role>` | `list` | `remove <email>` | `passwd <email>`
// Manages the console's users in DATA_DIR. Passwords are prompted for on a terminal (not echoed)
// and read from standard input otherwise, so scripts can pipe them in.
import readline from "node:readline";
import { emailSchema as email } from "../lib/schemas/auth";
import { ROLES, roleSchema } from "../lib/schemas/roles";
import { hashPassword } from "../lib/server/auth/password";
import { EnvError } from "../lib/server/env";
import { getStore } from "../lib/server/store";

const USAGE = `Usage:
  npm run users -- add <email> <role>     role: ${ROLES.join(" | ")}
  npm run users -- passwd <email>
  npm run users -- remove <email>
  npm run users -- list`;

const RECOMMENDED_PASSWORD = 12;

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
  if (password.length < RECOMMENDED_PASSWORD) console.warn(`Warning: passwords shorter than ${RECOMMENDED_PASSWORD} characters are easy to guess.`);
  return password;
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const users = getStore().users;
  switch (command) {
    case "add": {
      const parsedEmail = email.safeParse(args[0]);
      const role = roleSchema.safeParse(args[1]);
      if (!parsedEmail.success) throw new Error(`"${args[0] ?? ""}" is not an email address.\n${USAGE}`);
      if (!role.success) throw new Error(`"${args[1] ?? ""}" is not a role; use one of: ${ROLES.join(", ")}.`);
      if (users.findByEmail(parsedEmail.data)) throw new Error(`${parsedEmail.data} already exists (use passwd to change the password).`);
      const passwordHash = await hashPassword(await askNewPassword());
      users.create({ email: parsedEmail.data, role: role.data, passwordHash });
      console.log(`Added ${parsedEmail.data} as ${role.data}.`);
      return;
    }
    case "passwd": {
      const parsedEmail = email.safeParse(args[0]);
      if (!parsedEmail.success || !users.findByEmail(parsedEmail.data)) throw new Error(`No user "${args[0] ?? ""}".`);
      users.setPassword(parsedEmail.data, await hashPassword(await askNewPassword()));
      console.log(`Changed the password of ${parsedEmail.data}.`);
      return;
    }
    case "remove": {
      if (!args[0] || !users.remove(args[0].trim().toLowerCase())) throw new Error(`No user "${args[0] ?? ""}".`);
      console.log(`Removed ${args[0]}.`);
      return;
    }
    case "list": {
      const all = users.list();
      if (!all.length) console.log("No users yet. Add one with: npm run users -- add <email> <role>");
      for (const u of all) console.log(`${u.email.padEnd(40)} ${u.role.padEnd(11)} added ${u.createdAt}`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).then(
  () => {
    getStore().close();
  },
  (err: unknown) => {
    console.error(err instanceof EnvError || err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
