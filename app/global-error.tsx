"use client";

// Shown when the root layout itself fails, the one error no route's error.tsx can catch. Plain
// HTML with no styles of its own: the stylesheet may be what failed. (Also replaces Next's
// built-in page, which every page would otherwise download with its styles.)
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>The console could not be shown</h1>
          <p>Something went wrong on our side. Try again, or reload the page.</p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
