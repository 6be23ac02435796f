import Link from "next/link";
import type { Metadata } from "next";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export const metadata: Metadata = { title: "Style guide · Auth card" };

export default function UiKitAuthPage() {
  return (
    <AuthCard
      title="Sign in to EasyBilling"
      subtitle="Welcome back. Use your work e-mail."
      footer={
        <>
          No account?{" "}
          <Link href="/ui-kit" className="font-medium text-brand-700 hover:text-brand-800">
            Create an organization
          </Link>
        </>
      }
    >
      <form className="space-y-4">
        <Alert tone="error">Incorrect e-mail or password.</Alert>
        <Field label="E-mail" htmlFor="kit-signin-email">
          <Input id="kit-signin-email" type="email" autoComplete="email" defaultValue="maya.chen@acme.ai" />
        </Field>
        <Field label="Password" htmlFor="kit-signin-password" aside={<a href="#" className="text-brand-700 hover:text-brand-800">Forgot?</a>}>
          <Input id="kit-signin-password" type="password" autoComplete="current-password" defaultValue="correct horse" />
        </Field>
        <Button type="submit" className="w-full">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
