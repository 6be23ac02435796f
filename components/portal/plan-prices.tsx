import type { PlanWords } from "@/server/catalog/charge-words";

/** A plan's prices in words: each charge's name, its price in a sentence, and what the sentence leaves out. */
export function PlanPrices({ words, label = "Prices" }: { words: PlanWords; label?: string }) {
  return (
    <dl aria-label={label} className="space-y-3" data-testid="plan-prices">
      {words.charges.map((charge, i) => (
        <div key={i} className="text-sm">
          <dt className="font-medium text-zinc-900">{charge.name}</dt>
          <dd className="text-zinc-700">{charge.price}</dd>
          {charge.details.map((detail) => (
            <dd key={detail} className="text-[13px] text-zinc-500">
              {detail}
            </dd>
          ))}
        </div>
      ))}
      {words.commitment && (
        <div className="text-sm">
          <dt className="font-medium text-zinc-900">Commitment</dt>
          <dd className="text-zinc-700">{words.commitment}</dd>
        </div>
      )}
    </dl>
  );
}
