import type { FieldValues, Resolver } from "react-hook-form";
import type { ZodType } from "zod";

/**
 * zodResolver with the schema (and zod) loaded on first use, for a form that is on screen as
 * soon as its page loads (sign-in): the page's first load stays free of the schema library while
 * the form still validates with the very schema the handler uses. `preload()` fetches it early.
 * If the code cannot be loaded, the values go to the server, which validates them anyway.
 */
export function lazyZodResolver<T extends FieldValues>(loadSchema: () => Promise<ZodType>) {
  let ready: Promise<Resolver<T>> | undefined;
  const preload = () =>
    (ready ??= Promise.all([loadSchema(), import("@hookform/resolvers/zod")]).then(
      ([schema, m]) => m.zodResolver(schema as never) as unknown as Resolver<T>,
      (err: unknown) => {
        ready = undefined;
        throw err;
      },
    ));
  const resolver: Resolver<T> = async (values, context, options) => {
    let resolve: Resolver<T>;
    try {
      resolve = await preload();
    } catch {
      return { values, errors: {} };
    }
    return resolve(values, context, options);
  };
  return Object.assign(resolver, { preload });
}
