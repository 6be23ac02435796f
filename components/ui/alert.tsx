import { CircleAlert, CircleCheck, CircleX, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "warning" | "error";

const styles: Record<AlertTone, { box: string; icon: typeof Info; iconColor: string }> = {
  info: { box: "border-sky-200/80 bg-sky-50/70 text-sky-900", icon: Info, iconColor: "text-sky-600" },
  success: { box: "border-emerald-200/80 bg-emerald-50/70 text-emerald-900", icon: CircleCheck, iconColor: "text-emerald-600" },
  warning: { box: "border-amber-200 bg-amber-50/80 text-amber-900", icon: CircleAlert, iconColor: "text-amber-600" },
  error: { box: "border-red-200/80 bg-red-50/80 text-red-900", icon: CircleX, iconColor: "text-red-600" },
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** A button or link on the right (Retry, View invoice…). */
  action?: ReactNode;
  className?: string;
}

/** An inline message. Errors are announced (role="alert"); the other tones are polite (role="status"). */
export function Alert({ tone = "info", title, children, action, className }: AlertProps) {
  const { box, icon: Icon, iconColor } = styles[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("flex gap-2.5 rounded-lg border px-3.5 py-3 text-sm", box, className)}>
      <Icon className={cn("mt-0.5 size-4 shrink-0", iconColor)} aria-hidden="true" />
      <div className="min-w-0 flex-1 leading-5">
        {title && <p className="font-medium">{title}</p>}
        {children && <div className={cn(title && "mt-0.5 opacity-90")}>{children}</div>}
      </div>
      {action && <div className="-my-1 flex shrink-0 items-center">{action}</div>}
    </div>
  );
}
