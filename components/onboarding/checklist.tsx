import 'server-only';
import Link from 'next/link';
import { CircleCheck, Circle, ChevronRight } from '@/components/icons';
import { actorFromSession } from '@/lib/auth/actor';
import type { OrgContext } from '@/lib/auth/guards';
import { onboardingFor } from '@/lib/onboarding';
import { ChecklistFrame } from './checklist-frame';

/**
 * "Get started with <Org>" for the organization's admins: four setup steps, each ticked from what the
 * organization has really done and linking to where it is done. Gone for good once all four are
 * done, and for one person once they hide it. Renders nothing for other roles.
 */
export async function OnboardingChecklist({ ctx }: { ctx: OrgContext }) {
  if (ctx.role !== 'admin') return null;
  const onboarding = await onboardingFor(actorFromSession(ctx));
  if (onboarding.complete || onboarding.hidden) return null;
  const done = onboarding.steps.filter((s) => s.done).length;
  return (
    <ChecklistFrame title={`Get started with ${ctx.active.orgName}`} progress={`${done} of ${onboarding.steps.length} done`}>
      <ol className="grid gap-1 sm:grid-cols-2">
        {onboarding.steps.map((step) => (
          <li key={step.id}>
            <Link
              href={step.href}
              className="hover:bg-muted/60 focus-visible:ring-ring/50 flex min-w-0 items-start gap-3 rounded-md p-2 outline-none focus-visible:ring-[3px]"
            >
              {step.done ? (
                <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
              ) : (
                <Circle aria-hidden className="text-muted-foreground mt-0.5 size-5 shrink-0" />
              )}
              <span className="min-w-0 flex-1">
                <span className={`block text-sm font-medium ${step.done ? 'text-muted-foreground line-through' : ''}`}>
                  {step.title}
                  <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
                </span>
                <span className="text-muted-foreground block text-xs">{step.description}</span>
              </span>
              <ChevronRight aria-hidden className="text-muted-foreground mt-0.5 size-4 shrink-0" />
            </Link>
          </li>
        ))}
      </ol>
    </ChecklistFrame>
  );
}
