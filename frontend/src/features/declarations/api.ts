/**
 * 职称申报 (declarations).
 *
 * ─── STUB ──────────────────────────────────────────────────────────────────────────────
 * The declaration API does not exist yet. `startDeclaration` is what 【马上申报】 calls; for
 * now it only answers the wizard's path for the plan, `/declare/plan/:planId` (a placeholder
 * route). Replace it with the real call (e.g. create or resume the draft declaration for the
 * plan) when the wizard is built; callers navigate to whatever path it resolves to.
 * ───────────────────────────────────────────────────────────────────────────────────────
 */
export async function startDeclaration(planId: string): Promise<string> {
  return declarationWizardPath(planId);
}

/** The wizard of a plan (placeholder route until the wizard exists). */
export function declarationWizardPath(planId: string): string {
  return `/declare/plan/${encodeURIComponent(planId)}`;
}
