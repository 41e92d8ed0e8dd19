"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function NavLink({ href, children }: { href: string; children: string }) {
  const path = usePathname();
  // "/" (the overview) is only itself; other sections include their sub-pages.
  const active = href === "/" ? path === "/" : path.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn("rounded-md px-3 py-1.5 text-sm font-medium", active ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100")}
    >
      {children}
    </Link>
  );
}
