/** The newest change made through the console: Syllable's last_updated_by only names the API key's user. */
export type ConsoleChange = { actor_email: string; action: string; at: string };
