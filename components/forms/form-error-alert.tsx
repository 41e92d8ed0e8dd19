/** Errors that belong to no single field (e.g. from Syllable), shown above the form. */
export function FormErrorAlert({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
