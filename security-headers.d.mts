export declare const FRAME_ANCESTORS: string[];
export declare const HSTS: string;
export declare function contentSecurityPolicy(options?: { dev?: boolean; frameAncestors?: string[] }): string;
export declare function securityHeaderRules(options?: { dev?: boolean; appUrl?: string }): {
  source: string;
  has?: { type: "header"; key: string; value: string }[];
  headers: { key: string; value: string }[];
}[];
