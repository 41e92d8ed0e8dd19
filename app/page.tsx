import { redirect } from "next/navigation";
import { HOME_PATH } from "@/lib/safe-next";

export default function Home() {
  redirect(HOME_PATH);
}
