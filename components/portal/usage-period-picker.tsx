import { Button } from "../ui/button";
import { Select } from "../ui/select";

export interface PeriodOption {
  key: string;
  label: string;
}

/** The billing period the usage page shows: a plain GET form, so it works before any script loads. */
export function UsagePeriodPicker({ periods, value, action }: { periods: readonly PeriodOption[]; value: string; action: string }) {
  return (
    <form action={action} method="get" className="flex w-full items-end gap-2 sm:w-auto">
      <div className="min-w-0 flex-1 sm:flex-none">
        <label htmlFor="usage-period" className="mb-1 block text-xs font-medium text-zinc-600">
          Billing period
        </label>
        <Select id="usage-period" name="period" defaultValue={value} className="w-full sm:w-72">
          {periods.map((p) => (
            <option key={p.key} value={p.key}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
